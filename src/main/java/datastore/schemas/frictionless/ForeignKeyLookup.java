package datastore.schemas.frictionless;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Answers whether the referenced table ({@code resource}, "" = this table's stored rows) has a row with these values. */
@FunctionalInterface
public interface ForeignKeyLookup {
    /** No stored rows anywhere: a self-reference is then checked against the rows being validated only. */
    ForeignKeyLookup NONE = (resource, referenceFields, values) -> false;

    boolean exists(String resource, List<String> referenceFields, List<@Nullable Object> values);
}
