"""The client's GraphQL documents and the sandbox schema, checked against the real DS schema."""

from __future__ import annotations

from functools import cache

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    is_non_null_type,
    parse,
    validate,
)

from cmg_core.ds import documents
from cmg_core.ds.sandbox.server import SCHEMA_FILE
from tests.conftest import ROOT

REFERENCE = ROOT / "docs" / "reference" / "ds-schema.graphql"  # source and date: its README


@cache
def reference() -> GraphQLSchema:
    return build_schema(REFERENCE.read_text(encoding="utf-8"))


@cache
def sandbox_schema() -> GraphQLSchema:
    return build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))


def _own_types(schema: GraphQLSchema):
    return [t for name, t in schema.type_map.items() if not name.startswith("__")]


@pytest.mark.parametrize("operation", documents.operation_names())
def test_each_document_validates_against_the_reference_and_the_sandbox(operation):
    document = parse(documents.load(operation))
    assert validate(reference(), document) == []
    assert validate(sandbox_schema(), document) == []


@pytest.mark.parametrize("operation", documents.operation_names())
def test_each_document_holds_one_operation_named_after_its_file(operation):
    document = parse(documents.load(operation))
    names = [d.name.value for d in document.definitions if d.kind == "operation_definition"]
    assert names == [operation]


def test_the_client_sends_every_operation_it_needs():
    assert set(documents.operation_names()) >= {
        "getDemarcheDossiers",
        "getDossier",
        "dossierPasserEnInstruction",
        "dossierAccepter",
        "dossierRefuser",
        "dossierClasserSansSuite",
        "dossierEnvoyerMessage",
        "createDirectUpload",
    }


def _check_fields(name, own, ref, problems):
    for field_name, field in own.fields.items():
        ref_field = ref.fields.get(field_name)
        if ref_field is None:
            problems.append(f"{name}.{field_name} is not in the reference")
            continue
        if str(field.type) != str(ref_field.type):
            problems.append(f"{name}.{field_name}: {field.type} != {ref_field.type}")
        for arg_name, arg in getattr(field, "args", {}).items():
            ref_arg = ref_field.args.get(arg_name)
            if ref_arg is None or str(arg.type) != str(ref_arg.type):
                problems.append(f"{name}.{field_name}({arg_name}) differs from the reference")
        for arg_name, ref_arg in getattr(ref_field, "args", {}).items():
            required = is_non_null_type(ref_arg.type) and ref_arg.default_value is None
            if required and arg_name not in field.args:
                problems.append(f"{name}.{field_name} lacks required argument {arg_name}")


def test_the_sandbox_schema_is_a_strict_subset_of_the_reference():
    problems: list[str] = []
    for own in _own_types(sandbox_schema()):
        ref = reference().type_map.get(own.name)
        if ref is None or type(ref) is not type(own):
            problems.append(f"{own.name} missing or of another kind in the reference")
            continue
        if isinstance(own, GraphQLObjectType | GraphQLInterfaceType):
            _check_fields(own.name, own, ref, problems)
            extra = {i.name for i in own.interfaces} - {i.name for i in ref.interfaces}
            problems += [f"{own.name} implements {i} unlike the reference" for i in extra]
        if isinstance(own, GraphQLInputObjectType):
            _check_fields(own.name, own, ref, problems)
            for field_name, ref_field in ref.fields.items():
                if is_non_null_type(ref_field.type) and field_name not in own.fields:
                    problems.append(f"input {own.name} lacks required {field_name}")
        if isinstance(own, GraphQLEnumType):
            problems += [
                f"{own.name}.{v} not in the reference" for v in set(own.values) - set(ref.values)
            ]
    assert problems == []


def test_the_sandbox_root_types_are_those_of_the_reference():
    assert sandbox_schema().query_type.name == reference().query_type.name
    assert sandbox_schema().mutation_type.name == reference().mutation_type.name
