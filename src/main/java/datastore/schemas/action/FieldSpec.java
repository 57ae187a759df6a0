package datastore.schemas.action;

import datastore.schemas.types.FieldType;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One entry of {@code datastore_create}'s {@code fields}: an id, an optional type and optional info. */
public record FieldSpec(String id, Optional<FieldType> type, Optional<String> typeName, JsonNode info) {}
