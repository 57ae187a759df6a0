package datastore.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.api.Route;
import datastore.api.RouteTable;
import datastore.api.datasette.DatasetteSurface;
import datastore.core.json.JsonMappers;
import datastore.testing.TestServer;
import io.javalin.http.HandlerType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json}: a valid OpenAPI 3.1 document, read by a real parser, listing every served route. */
class OpenApiDocumentTest {
    private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.open(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static OpenAPI parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getOpenAPI();
    }

    private static Operation operation(OpenAPI api, String path, HandlerType method) {
        PathItem item = api.getPaths().get(path);
        assertThat(item).as(path).isNotNull();
        Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.name()));
        assertThat(op).as(method + " " + path).isNotNull();
        return op;
    }

    private static void assertPathParamsDeclared(OpenAPI api) {
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(op -> {
            Matcher m = PARAM.matcher(path);
            while (m.find()) {
                String name = m.group(1);
                assertThat(op.getParameters())
                        .as(path + " declares {" + name + "}")
                        .anyMatch(p -> p.getIn().equals("path") && p.getName().equals(name) && p.getRequired());
            }
        }));
    }

    @Test
    void theServedDocumentIsValidOpenApi31() {
        TestServer.Response r = server.get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        OpenAPI api = parse(r.body());
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertPathParamsDeclared(api);
    }

    @Test
    void theParserHasTeeth() {
        // The same document with a broken security reference and no info must not pass as valid.
        tools.jackson.databind.node.ObjectNode doc = (tools.jackson.databind.node.ObjectNode)
                JsonMappers.standard().readTree(server.get("/openapi.json").body());
        doc.remove("info");
        doc.withArray("security").addObject().put("nosuch", 1);
        SwaggerParseResult result = new OpenAPIV3Parser()
                .readContents(JsonMappers.standard().writeValueAsString(doc), null, new ParseOptions());
        assertThat(result.getMessages()).isNotEmpty();
    }

    @Test
    void everyRouteOfTheRunningServerIsInTheDocument() {
        OpenAPI api = parse(server.get("/openapi.json").body());
        List<Route> routes = server.routes().routes();
        assertThat(routes).isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (Route route : routes) {
            String path = route.path().replace("<", "{").replace(">", "}");
            Operation op = operation(api, path, route.method());
            assertThat(op.getTags()).contains(route.surface());
            assertThat(ids.add(op.getOperationId()))
                    .as("operationId " + op.getOperationId() + " is unique")
                    .isTrue();
        }
        int operations = api.getPaths().values().stream()
                .mapToInt(p -> p.readOperations().size())
                .sum();
        assertThat(operations).isEqualTo(routes.size());
        assertThat(api.getPaths()).containsKeys("/docs", "/.json", "/{db}.json", "/{db}/-/query.json");
    }

    @Test
    void tokensGoAsABearerScheme() {
        OpenAPI api = parse(server.get("/openapi.json").body());
        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get(OpenApiDocument.BEARER);
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        Operation create = operation(api, "/api/3/action/datastore_create", HandlerType.POST);
        assertThat(create.getSecurity()).anyMatch(s -> s.containsKey(OpenApiDocument.BEARER));
    }

    @Test
    void ckanActionsDescribeTheirParameters() {
        OpenAPI api = parse(server.get("/openapi.json").body());
        Operation create = operation(api, "/api/3/action/datastore_create", HandlerType.POST);
        var schema =
                create.getRequestBody().getContent().get("application/json").getSchema();
        assertThat(schema.getProperties()).containsKeys("resource_id", "fields", "records", "primary_key");
        Operation upsert = operation(api, "/api/action/datastore_upsert", HandlerType.POST);
        assertThat(upsert.getRequestBody()
                        .getContent()
                        .get("application/json")
                        .getSchema()
                        .getRequired())
                .contains("resource_id");
        Operation search = operation(api, "/api/3/action/datastore_search", HandlerType.GET);
        Parameter id = search.getParameters().stream()
                .filter(p -> p.getName().equals("resource_id"))
                .findFirst()
                .orElseThrow();
        assertThat(id.getIn()).isEqualTo("query");
        assertThat(id.getRequired()).isTrue();
        Operation dump = operation(api, "/datastore/dump/{id}", HandlerType.GET);
        assertThat(dump.getParameters()).anyMatch(p -> p.getName().equals("format"));
    }

    @Test
    void datasetteRoutesDescribeTheirPathAndQueryParameters() {
        OpenAPI api = parse(server.get("/openapi.json").body());
        Operation query = operation(api, "/{db}/-/query.json", HandlerType.GET);
        assertThat(query.getParameters())
                .anyMatch(p -> p.getName().equals("db") && p.getIn().equals("path"))
                .anyMatch(p -> p.getName().equals("sql") && p.getIn().equals("query") && p.getRequired());
        assertThat(query.getResponses()
                        .getDefault()
                        .getContent()
                        .get("application/json")
                        .getSchema()
                        .get$ref())
                .endsWith("DatasetteError");
    }

    @Test
    void aRouteWithoutASchemaIsDescribedGenericallyAndStaysValid() {
        Route bare = new Route(
                DatasetteSurface.NAME,
                HandlerType.POST,
                "/{db}/{table}/-/something-new",
                "datasette_something_new",
                "A route no schema was written for.",
                Route.Access.CREDENTIAL,
                Route.Body.json(1024),
                ctx -> {},
                DatasetteSurface.ERRORS);
        Route known = new Route(
                DatasetteSurface.NAME,
                HandlerType.POST,
                "/{database}/{tbl}/-/insert",
                "datasette_insert",
                "An insert added without a schema of its own.",
                Route.Access.CREDENTIAL,
                Route.Body.json(1024),
                ctx -> {},
                DatasetteSurface.ERRORS);
        Route mixed = new Route(
                "another",
                HandlerType.GET,
                "/files/<path>/{name}.json",
                "files",
                "Parameters inside a segment and Javalin's <path>.",
                Route.Access.PUBLIC,
                Route.Body.NONE,
                ctx -> {},
                DatasetteSurface.ERRORS);
        String json = JsonMappers.standard()
                .writeValueAsString(OpenApiDocument.of(
                        new RouteTable(List.of(bare, known, mixed)), "http://localhost:8080", "test"));
        OpenAPI api = parse(json);
        assertPathParamsDeclared(api);
        Operation generic = operation(api, "/{db}/{table}/-/something-new", HandlerType.POST);
        assertThat(generic.getRequestBody()
                        .getContent()
                        .get("application/json")
                        .getSchema()
                        .getType())
                .isIn("object", null);
        assertThat(operation(api, "/files/{path}/{name}.json", HandlerType.GET).getParameters())
                .extracting(Parameter::getName)
                .containsExactly("path", "name");
    }
}
