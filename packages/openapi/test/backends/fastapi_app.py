"""An items API written the way FastAPI apps are: pydantic models, dependencies, an API-key scheme.

Served by uvicorn on the port in $PORT; its OpenAPI 3.1 document is at /openapi.json.
"""
import base64
import os

import uvicorn
from fastapi import Cookie, Depends, FastAPI, HTTPException, Query, Response, Security
from fastapi.security import APIKeyHeader
from pydantic import BaseModel

app = FastAPI(title="Items (FastAPI)", version="1.0.0")
api_key = APIKeyHeader(name="X-API-Key", auto_error=False)

# A 1x1 PNG, for image responses.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class ItemIn(BaseModel):
    name: str
    price: float
    tags: list[str] = []


class Item(ItemIn):
    id: int


class Rename(BaseModel):
    item_id: int
    name: str


ITEMS = {
    1: {"id": 1, "name": "lamp", "price": 12.5, "tags": ["home", "light"]},
    2: {"id": 2, "name": "desk", "price": 80.0, "tags": ["home"]},
    3: {"id": 3, "name": "pen", "price": 1.2, "tags": ["office"]},
}


def require_key(key: str | None = Security(api_key)) -> str:
    if key != "sekret":
        raise HTTPException(status_code=401, detail="bad or missing API key")
    return key


@app.get("/items/{item_id}", response_model=Item, operation_id="get_item", summary="Get one item")
def get_item(item_id: int):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail=f"no item {item_id}")
    return ITEMS[item_id]


@app.get("/items", response_model=list[Item], operation_id="list_items", summary="List items")
def list_items(tag: list[str] | None = Query(default=None), limit: int = 10, q: str | None = None):
    found = [item for item in ITEMS.values() if not tag or set(tag) & set(item["tags"])]
    if q:
        found = [item for item in found if q in item["name"]]
    return found[:limit]


@app.post("/items", response_model=Item, status_code=201, operation_id="create_item")
def create_item(item: ItemIn):
    return {"id": 100, **item.dict()}


@app.put("/items/{item_id}", operation_id="rename_item", summary="Rename an item (the body names an item_id too)")
def rename_item(item_id: int, body: Rename):
    return {"path_item_id": item_id, "body_item_id": body.item_id, "name": body.name}


@app.get("/files/{name}", operation_id="read_file")
def read_file(name: str):
    return {"name": name}


@app.get("/prefs", operation_id="read_prefs")
def read_prefs(theme: str | None = Cookie(default=None)):
    return {"theme": theme}


@app.get("/secret", operation_id="read_secret")
def read_secret(key: str = Depends(require_key)):
    return {"secret": "the treasure"}


@app.get("/fail/{status}", operation_id="fail")
def fail(status: int):
    raise HTTPException(status_code=status, detail="it failed on purpose")


@app.get("/items/{item_id}/image", operation_id="item_image", response_class=Response)
def item_image(item_id: int):
    return Response(content=PIXEL, media_type="image/png")


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ["PORT"]), log_level="warning")
