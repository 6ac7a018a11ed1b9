"""An items API written the way Flask apps document themselves with flasgger: YAML in docstrings.

Served by Flask's own (werkzeug) server on the port in $PORT; flasgger publishes a
Swagger 2.0 document at /apispec_1.json.
"""
import os

from flasgger import Swagger
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
Swagger(
    app,
    template={
        "info": {"title": "Items (Flask)", "version": "1.0.0"},
        "securityDefinitions": {"token": {"type": "apiKey", "in": "header", "name": "X-Token"}},
        "definitions": {
            "Item": {
                "type": "object",
                "required": ["id", "name", "price"],
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string"},
                    "price": {"type": "number"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
            "NewItem": {
                "type": "object",
                "required": ["name", "price"],
                "properties": {
                    "name": {"type": "string"},
                    "price": {"type": "number"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
)

ITEMS = {
    1: {"id": 1, "name": "lamp", "price": 12.5, "tags": ["home", "light"]},
    2: {"id": 2, "name": "desk", "price": 80.0, "tags": ["home"]},
    3: {"id": 3, "name": "pen", "price": 1.2, "tags": ["office"]},
}


@app.get("/items/<int:item_id>")
def get_item(item_id):
    """Get one item
    ---
    operationId: get_item
    parameters:
      - {name: item_id, in: path, type: integer, required: true}
    responses:
      200:
        description: The item
        schema: {$ref: '#/definitions/Item'}
      404: {description: No such item}
    """
    if item_id not in ITEMS:
        abort(404, description=f"no item {item_id}")
    return jsonify(ITEMS[item_id])


@app.get("/items")
def list_items():
    """List items, filtered by tags (comma-separated, Swagger's default csv format)
    ---
    operationId: list_items
    parameters:
      - {name: tags, in: query, type: array, items: {type: string}}
      - {name: limit, in: query, type: integer, default: 10}
    responses:
      200:
        description: Items
        schema: {type: array, items: {$ref: '#/definitions/Item'}}
    """
    tags = [tag for tag in request.args.get("tags", "").split(",") if tag]
    limit = int(request.args.get("limit", 10))
    found = [item for item in ITEMS.values() if not tags or set(tags) & set(item["tags"])]
    return jsonify(found[:limit])


@app.post("/items")
def create_item():
    """Create an item
    ---
    operationId: create_item
    parameters:
      - {name: body, in: body, required: true, schema: {$ref: '#/definitions/NewItem'}}
    responses:
      201:
        description: Created
        schema: {$ref: '#/definitions/Item'}
    """
    body = request.get_json()
    return jsonify({"id": 100, **body}), 201


@app.post("/notes")
def add_note():
    """Add a note from a form
    ---
    operationId: add_note
    consumes: [application/x-www-form-urlencoded]
    parameters:
      - {name: title, in: formData, type: string, required: true}
      - {name: text, in: formData, type: string}
    responses:
      200: {description: The note}
    """
    return jsonify({"title": request.form.get("title"), "text": request.form.get("text")})


@app.get("/secret")
def read_secret():
    """Read the secret
    ---
    operationId: read_secret
    security: [{token: []}]
    responses:
      200: {description: The secret}
      401: {description: No token}
    """
    if request.headers.get("X-Token") != "sekret":
        return jsonify({"error": "unauthorized"}), 401
    return jsonify({"secret": "the treasure"})


@app.get("/fail/<int:status>")
def fail(status):
    """Fail on purpose
    ---
    operationId: fail
    parameters:
      - {name: status, in: path, type: integer, required: true}
    responses:
      default: {description: The error}
    """
    return jsonify({"error": "it failed on purpose"}), status


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
