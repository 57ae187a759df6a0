package datastore.api.datasette;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.api.RequestSchema;
import datastore.api.Route;
import io.javalin.http.HandlerType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Datasette routes get their request schema by the shape of their path, whoever registered them. */
class DatasetteSchemasTest {
    private static Route route(HandlerType method, String path) {
        return method == HandlerType.POST
                ? DatasetteSurface.writeRoute(path, "op", "summary", 1024, ctx -> {})
                : DatasetteSurface.route(method, path, "op", "summary", ctx -> {});
    }

    @Test
    void aKnownWriteGetsItsBodyWhateverItsParametersAreCalled() {
        Route insert = DatasetteSchemas.describe(route(HandlerType.POST, "/{database}/{tbl}/-/insert"));
        RequestSchema schema = insert.schema();
        assertThat(schema).isNotNull();
        assertThat(schema.body().get("properties").has("rows")).isTrue();
        Route update = DatasetteSchemas.describe(route(HandlerType.POST, "/{db}/{table}/{pks}/-/update"));
        assertThat(update.schema().body().get("required").get(0).asString()).isEqualTo("update");
    }

    @Test
    void tableReadsGetTheirQueryArguments() {
        Route table = DatasetteSchemas.describe(route(HandlerType.GET, "/{db}/{table}.json"));
        assertThat(table.schema().query()).extracting(RequestSchema.Param::name).contains("_shape", "_size", "_next");
    }

    @Test
    void anUnknownShapeStaysGenericAndAnOwnSchemaIsKept() {
        assertThat(DatasetteSchemas.describe(route(HandlerType.POST, "/{db}/{table}/-/brand-new"))
                        .schema())
                .isNull();
        RequestSchema own = RequestSchema.query(List.of(RequestSchema.Param.of("x", "mine")));
        Route mine = route(HandlerType.GET, "/{db}/{table}.json").withSchema(own);
        assertThat(DatasetteSchemas.describe(mine).schema()).isSameAs(own);
    }
}
