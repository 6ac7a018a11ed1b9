"""An items API written the way Django REST framework apps are: serializers, API views,
an authentication class, and DRF's own OpenAPI schema view at /openapi.

A one-file Django project, served by Django's own server (runserver) on the port in $PORT.
"""
import os
import sys

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="test-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["rest_framework"],
    MIDDLEWARE=[],
    DATABASES={},
    REST_FRAMEWORK={
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
    },
)

import django  # noqa: E402

django.setup()

from django.urls import path  # noqa: E402
from rest_framework import authentication, exceptions, generics, permissions, serializers, views  # noqa: E402
from rest_framework.renderers import JSONOpenAPIRenderer  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.schemas import get_schema_view  # noqa: E402
from rest_framework.schemas.openapi import AutoSchema, SchemaGenerator  # noqa: E402

ITEMS = {
    1: {"id": 1, "name": "lamp", "price": 12.5, "tags": ["home", "light"]},
    2: {"id": 2, "name": "desk", "price": 80.0, "tags": ["home"]},
    3: {"id": 3, "name": "pen", "price": 1.2, "tags": ["office"]},
}


class ItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField()
    price = serializers.FloatField()
    tags = serializers.ListField(child=serializers.CharField(), required=False)


class Caller:
    is_authenticated = True


class BearerAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        if header != "Bearer sekret":
            raise exceptions.AuthenticationFailed("bad token")
        return (Caller(), "sekret")

    def authenticate_header(self, request):
        return "Bearer"


class ItemsSchema(AutoSchema):
    """DRF documents serializers and path params; query params and security are added here."""

    def __init__(self, query=(), secured=False, **kwargs):
        super().__init__(**kwargs)
        self.query = query
        self.secured = secured

    def get_operation(self, path, method):
        operation = super().get_operation(path, method)
        for name, schema in self.query if method == "GET" else ():
            operation["parameters"].append({"name": name, "in": "query", "required": False, "schema": schema})
        if self.secured:
            operation["security"] = [{"bearer": []}]
        return operation


class Generator(SchemaGenerator):
    def get_schema(self, request=None, public=False):
        schema = super().get_schema(request, public)
        schema.setdefault("components", {})["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        return schema


class ItemList(generics.GenericAPIView):
    serializer_class = ItemSerializer
    schema = ItemsSchema(
        operation_id_base="Item",
        query=[("tag", {"type": "string"}), ("limit", {"type": "integer"})],
    )

    def get(self, request):
        tag = request.query_params.get("tag")
        limit = int(request.query_params.get("limit", 10))
        found = [item for item in ITEMS.values() if not tag or tag in item["tags"]]
        return Response(found[:limit])

    def post(self, request):
        serializer = ItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response({"id": 100, **serializer.validated_data}, status=201)


class ItemDetail(generics.GenericAPIView):
    serializer_class = ItemSerializer
    schema = ItemsSchema(operation_id_base="Item")

    def get(self, request, item_id):
        if item_id not in ITEMS:
            raise exceptions.NotFound(f"no item {item_id}")
        return Response(ITEMS[item_id])


class Secret(views.APIView):
    authentication_classes = [BearerAuthentication]
    permission_classes = [permissions.IsAuthenticated]
    schema = ItemsSchema(operation_id_base="Secret", secured=True)

    def get(self, request):
        return Response({"secret": "the treasure"})


class Fail(views.APIView):
    schema = ItemsSchema(operation_id_base="Failure")

    def get(self, request, status):
        return Response({"error": "it failed on purpose"}, status=status)


urlpatterns = [
    path("items/", ItemList.as_view()),
    path("items/<int:item_id>/", ItemDetail.as_view()),
    path("secret/", Secret.as_view()),
    path("fail/<int:status>/", Fail.as_view()),
    path(
        "openapi",
        get_schema_view(
            title="Items (Django REST framework)",
            version="1.0.0",
            renderer_classes=[JSONOpenAPIRenderer],
            generator_class=Generator,
            # Document every view, whatever the caller of the schema view may call.
            public=True,
        ),
    ),
]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], "runserver", f"127.0.0.1:{os.environ['PORT']}", "--noreload"])
