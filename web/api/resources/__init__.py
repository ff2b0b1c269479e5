"""One module per API resource: the pydantic models that read its requests, write its
answers and describe both in the OpenAPI document (`model_json_schema`).

A response model is built from the domain record (`from_record`, or `model_validate` with
`from_attributes`) and written with `model_dump(mode="json")`, so what the API answers and
what the document promises come from the same class; tests/integration/test_api_contract.py
checks every documented answer against its schema.
"""
