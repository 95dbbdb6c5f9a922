#!/usr/bin/env python3
"""Checks docs/contracts/asyncapi.yaml against the platform's own encoding of its messages.

Usage: check_contracts.py ASYNCAPI EXAMPLES_DIR

EXAMPLES_DIR holds registry.json ([{"topic", "types": [...]}], the topic registry of
Shared/Contracts) and <topic>__<Type>__<n>.json files, each a message as the Codable types
encode it (written by ContractsTests/AsyncApiTests). Every topic of the registry must be a
channel with its message types; every example must validate against its message schema, and
every field it carries must be declared there (so the document cannot lag behind the code).
Exits 1 with one line per problem.
"""
import json
import os
import sys

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = "urn:kam:asyncapi"


def main(asyncapi_path, examples_dir):
    with open(asyncapi_path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    registry = Registry().with_resource(ROOT, Resource.from_contents(doc, default_specification=DRAFT202012))
    problems = []

    channels = {c["address"]: c for c in doc["channels"].values()}
    with open(os.path.join(examples_dir, "registry.json"), encoding="utf-8") as f:
        topics = json.load(f)
    for topic in topics:
        channel = channels.get(topic["topic"])
        if channel is None:
            problems.append(f"topic {topic['topic']} has no channel")
            continue
        for t in topic["types"]:
            if t not in channel.get("messages", {}):
                problems.append(f"channel {topic['topic']} does not list message {t}")
            if t not in doc["components"]["messages"]:
                problems.append(f"message {t} is not described")
    for address in channels:
        if address not in {t["topic"] for t in topics}:
            problems.append(f"channel {address} is not a topic of the registry")

    examples = sorted(n for n in os.listdir(examples_dir) if n.endswith(".json") and n != "registry.json")
    if not examples:
        problems.append("no examples to check")
    for name in examples:
        _topic, message_type, _n = name[:-5].split("__")
        with open(os.path.join(examples_dir, name), encoding="utf-8") as f:
            instance = json.load(f)
        schema = {"$ref": f"{ROOT}#/components/schemas/{message_type}Envelope"}
        validator = Draft202012Validator(schema, registry=registry)
        for error in validator.iter_errors(instance):
            path = ".".join(str(p) for p in error.absolute_path) or "value"
            problems.append(f"{name}: {path}: {error.message}")
        for path in undeclared(instance, f"/components/schemas/{message_type}Envelope", doc, registry, ""):
            problems.append(f"{name}: {path} is sent but not declared in the schema")

    for p in problems:
        print(p)
    print(f"contracts: {len(examples)} examples, {len(topics)} topics, {len(problems)} problems")
    return 1 if problems else 0


def node_at(doc, pointer):
    node = doc
    for part in pointer.lstrip("/").split("/"):
        if part:
            node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def follow(doc, pointer):
    """The pointer of the schema at `pointer`, after following $refs."""
    node = node_at(doc, pointer)
    while isinstance(node, dict) and "$ref" in node:
        pointer = node["$ref"].lstrip("#")
        node = node_at(doc, pointer)
    return pointer


def undeclared(instance, pointer, doc, registry, path):
    """Paths of object fields in the instance that the schema at `pointer` does not declare."""
    pointer = follow(doc, pointer)
    schema = node_at(doc, pointer)
    if not isinstance(schema, dict):
        return
    if "oneOf" in schema:
        for i in range(len(schema["oneOf"])):
            branch = f"{pointer}/oneOf/{i}"
            if Draft202012Validator({"$ref": f"{ROOT}#{branch}"}, registry=registry).is_valid(instance):
                yield from undeclared(instance, branch, doc, registry, path)
                return
        return
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        for key, value in instance.items():
            where = f"{path}.{key}" if path else key
            if key not in properties:
                yield where
            else:
                yield from undeclared(value, f"{pointer}/properties/{key}", doc, registry, where)
    elif isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            yield from undeclared(item, f"{pointer}/items", doc, registry, f"{path}[{i}]")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
