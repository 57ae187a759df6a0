package datastore.schemas.frictionless;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The value reader of each field type and format, as frictionless-py's {@code fields/*.py} cast cells. */
final class ValueReaders {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TRUE_VALUES = List.of("true", "True", "TRUE", "1");
    private static final List<String> FALSE_VALUES = List.of("false", "False", "FALSE", "0");
    /** frictionless-py's bareNumber=false pattern: leading non-digits (but a minus) and trailing non-digits go. */
    private static final Pattern NOT_BARE = Pattern.compile("((^[^-\\d]*)|(\\D*$))");
    /** Python's Decimal() syntax: digits with single underscores between, optional exponent, Infinity/Inf/NaN. */
    private static final Pattern PY_DECIMAL = Pattern.compile(
            "[+-]?(?:(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?"
                    + "|(?i:inf(?:inity)?|s?nan\\d*))");

    private static final Pattern PY_INT = Pattern.compile("[+-]?\\d(?:_?\\d)*");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** The validators package's email check: a dot-atom or quoted local part, and a domain name with a letter TLD. */
    private static final Pattern EMAIL_LOCAL = Pattern.compile(
            "[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*"
                    + "|\"([\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f!#-\\[\\]-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])*\"",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern EMAIL_DOMAIN = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{1,63}|xn--[a-z0-9]{1,59})\\.?",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> GEOMETRIES =
            Set.of("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon");

    private ValueReaders() {}

    static ValueReader of(SchemaField field) {
        JsonNode d = field.descriptor();
        String format = field.format();
        return switch (field.kind()) {
            case STRING -> string(format);
            case NUMBER -> number(d);
            case INTEGER -> integer(d);
            case BOOLEAN -> bool(d);
            case DATE -> date(format);
            case TIME -> time(format);
            case DATETIME -> datetime(format);
            case YEAR -> ValueReaders::year;
            case YEARMONTH -> ValueReaders::yearmonth;
            case DURATION -> cell -> cell.isString() ? IsoDuration.parse(cell.asString()) : null;
            case GEOPOINT -> geopoint(format);
            case GEOJSON -> geojson(format);
            case OBJECT ->
                cell -> {
                    JsonNode v = cell.isString() ? parse(cell.asString()) : cell;
                    return v != null && v.isObject() ? v : null;
                };
            case ARRAY ->
                cell -> {
                    JsonNode v = cell.isString() ? parse(cell.asString()) : cell;
                    return v != null && v.isArray() ? v : null;
                };
            case LIST -> list(d);
            case ANY -> ValueReaders::any;
        };
    }

    /** The reader of a default-format field of that type (the items of a v2 list). */
    private static ValueReader ofType(FieldKind kind) {
        return of(new SchemaField("item", kind, "default", false, false, NODES.objectNode()));
    }

    private static ValueReader string(String format) {
        return switch (format) {
            case "email" -> cell -> cell.isString() && email(cell.asString()) ? cell.asString() : null;
            case "uri" -> cell -> cell.isString() && uri(cell.asString()) ? cell.asString() : null;
            case "uuid" ->
                cell -> cell.isString() && UUID.matcher(cell.asString()).matches() ? cell.asString() : null;
            case "binary" -> cell -> cell.isString() && base64(cell.asString()) ? cell.asString() : null;
            default -> cell -> cell.isString() ? cell.asString() : null;
        };
    }

    private static boolean email(String v) {
        int at = v.lastIndexOf('@');
        if (at < 0 || v.indexOf('@') != at) {
            return false;
        }
        String local = v.substring(0, at);
        String domain = v.substring(at + 1);
        return local.length() <= 64
                && domain.length() <= 253
                && EMAIL_LOCAL.matcher(local).matches()
                && EMAIL_DOMAIN.matcher(domain).matches();
    }

    private static boolean uri(String v) {
        try {
            return new URI(v).getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Python's non-validating b64decode: characters outside the alphabet are skipped, the padding must be right. */
    private static boolean base64(String v) {
        StringBuilder data = new StringBuilder();
        for (char c : v.toCharArray()) {
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '/'
                    || c == '=') {
                data.append(c);
            }
        }
        String s = data.toString();
        int pad = s.indexOf('=');
        String body = pad < 0 ? s : s.substring(0, pad);
        if (body.length() % 4 == 1) {
            return false;
        }
        try {
            Base64.getDecoder()
                    .decode(pad < 0 && body.length() % 4 != 0 ? body + "==".substring(0, 4 - body.length() % 4) : s);
            return pad >= 0 || body.length() % 4 == 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ValueReader number(JsonNode d) {
        boolean bare = d.path("bareNumber").asBoolean(true);
        String group = d.path("groupChar").asString("");
        String decimal = d.path("decimalChar").asString(".");
        boolean processed = d.has("groupChar") || d.has("decimalChar") || d.has("bareNumber");
        return cell -> {
            if (cell.isString()) {
                String s = cell.asString().strip();
                if (processed) {
                    if (!bare) {
                        s = NOT_BARE.matcher(s).replaceAll("");
                    }
                    s = s.replace(group, "");
                    if (!decimal.equals(".") && s.contains(".")) {
                        return null;
                    }
                    s = s.replace(decimal, ".");
                }
                return decimal(s);
            }
            if (cell.isNumber()) {
                return cell.isIntegralNumber() ? new BigDecimal(cell.bigIntegerValue()) : cell.decimalValue();
            }
            return null;
        };
    }

    private static @Nullable Object decimal(String s) {
        if (!PY_DECIMAL.matcher(s).matches()) {
            return null;
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("nan")) {
            return Double.NaN;
        }
        if (lower.contains("inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            return new BigDecimal(s.replace("_", ""));
        } catch (NumberFormatException e) {
            return null; // an exponent beyond BigDecimal's range
        }
    }

    private static ValueReader integer(JsonNode d) {
        boolean bare = d.path("bareNumber").asBoolean(true);
        // groupChar for integers is a v2 addition frictionless-py does not read; the standard asks for it.
        String group = d.path("groupChar").asString("");
        return cell -> {
            if (cell.isString()) {
                String s = cell.asString().strip();
                if (!bare) {
                    s = NOT_BARE.matcher(s).replaceAll("");
                }
                if (!group.isEmpty()) {
                    s = s.replace(group, "");
                }
                return PY_INT.matcher(s).matches() ? integral(new BigInteger(s.replace("_", ""))) : null;
            }
            if (cell.isIntegralNumber()) {
                return integral(cell.bigIntegerValue());
            }
            if (cell.isNumber()) {
                BigDecimal v = cell.decimalValue();
                return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0 ? integral(v.toBigIntegerExact()) : null;
            }
            return null;
        };
    }

    /** A Long where it fits (an int8 column), a BigInteger beyond. */
    private static Object integral(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static ValueReader bool(JsonNode d) {
        List<String> trues = strings(d.path("trueValues"), TRUE_VALUES);
        List<String> falses = strings(d.path("falseValues"), FALSE_VALUES);
        return cell -> {
            if (cell.isBoolean()) {
                return cell.asBoolean();
            }
            if (cell.isString()) {
                String s = cell.asString();
                // frictionless-py fills its mapping with true values first, so a value in both lists is false.
                return falses.contains(s) ? Boolean.FALSE : trues.contains(s) ? Boolean.TRUE : null;
            }
            return null;
        };
    }

    private static List<String> strings(JsonNode v, List<String> otherwise) {
        if (!v.isArray()) {
            return otherwise;
        }
        List<String> out = new ArrayList<>();
        v.forEach(s -> out.add(s.asString()));
        return out;
    }

    private static ValueReader date(String format) {
        Strptime pattern = pattern(format);
        return cell -> {
            if (!cell.isString()) {
                return null;
            }
            String s = cell.asString();
            Strptime.Parsed p =
                    switch (format) {
                        case "default" -> DEFAULT_DATE.parse(s);
                        case "any" -> DateTexts.any(s);
                        default -> pattern == null ? null : pattern.parse(s);
                    };
            return p == null ? null : p.local().toLocalDate();
        };
    }

    private static final Strptime DEFAULT_DATE = java.util.Objects.requireNonNull(Strptime.compile("%Y-%m-%d"));

    private static ValueReader time(String format) {
        Strptime pattern = pattern(format);
        return cell -> {
            if (!cell.isString()) {
                return null;
            }
            String s = cell.asString();
            Strptime.Parsed p =
                    switch (format) {
                        // frictionless-py's guard against dateutil's shorter forms: hh:mm:ss at least.
                        case "default" -> s.length() >= 8 && s.charAt(5) == ':' ? DateTexts.isoTime(s) : null;
                        case "any" -> DateTexts.any(s);
                        default -> pattern == null ? null : pattern.parse(s);
                    };
            return p == null ? null : p.time();
        };
    }

    private static ValueReader datetime(String format) {
        Strptime pattern = pattern(format);
        return cell -> {
            if (!cell.isString()) {
                return null;
            }
            String s = cell.asString();
            Strptime.Parsed p =
                    switch (format) {
                        case "default" -> s.length() >= 19 && s.charAt(16) == ':' ? DateTexts.isoDateTime(s) : null;
                        case "any" -> DateTexts.any(s);
                        default -> pattern == null ? null : pattern.parse(s);
                    };
            return p == null ? null : p.dateTime();
        };
    }

    private static @Nullable Strptime pattern(String format) {
        return format.equals("default") || format.equals("any") ? null : Strptime.compile(format);
    }

    private static @Nullable Object year(JsonNode cell) {
        long y;
        if (cell.isIntegralNumber() && cell.canConvertToLong()) {
            y = cell.asLong();
        } else if (cell.isString() && cell.asString().length() == 4) {
            String s = cell.asString().strip();
            if (!PY_INT.matcher(s).matches()) {
                return null;
            }
            y = Long.parseLong(s.replace("_", ""));
        } else {
            return null;
        }
        return y < 0 || y > 9999 ? null : (Object) (int) y;
    }

    private static @Nullable Object yearmonth(JsonNode cell) {
        try {
            if (cell.isArray()) {
                if (cell.size() != 2
                        || !cell.get(0).isIntegralNumber()
                        || !cell.get(1).isIntegralNumber()) {
                    return null;
                }
                return YearMonth.of(cell.get(0).asInt(), cell.get(1).asInt());
            }
            if (cell.isString()) {
                String[] parts = cell.asString().split("-", -1);
                if (parts.length != 2) {
                    return null;
                }
                String y = parts[0].strip();
                String m = parts[1].strip();
                if (!PY_INT.matcher(y).matches() || !PY_INT.matcher(m).matches()) {
                    return null;
                }
                int month = Integer.parseInt(m.replace("_", ""));
                return month < 1 || month > 12 ? null : YearMonth.of(Integer.parseInt(y.replace("_", "")), month);
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static ValueReader geopoint(String format) {
        return cell -> {
            BigDecimal lon;
            BigDecimal lat;
            try {
                if (cell.isString()) {
                    String s = cell.asString();
                    switch (format) {
                        case "array" -> {
                            JsonNode a = parse(s);
                            if (a == null || !a.isArray() || a.size() != 2) {
                                return null;
                            }
                            lon = coordinate(a.get(0), true);
                            lat = coordinate(a.get(1), true);
                        }
                        case "object" -> {
                            JsonNode o = parse(s);
                            if (o == null || !o.isObject() || o.size() != 2) {
                                return null;
                            }
                            lon = coordinate(o.path("lon"), true);
                            lat = coordinate(o.path("lat"), true);
                        }
                        default -> {
                            String[] parts = s.split(",", -1);
                            if (parts.length != 2) {
                                return null;
                            }
                            lon = coordinate(NODES.stringNode(parts[0].strip()), true);
                            lat = coordinate(NODES.stringNode(parts[1].strip()), true);
                        }
                    }
                } else if (cell.isArray() && cell.size() == 2) {
                    lon = coordinate(cell.get(0), false);
                    lat = coordinate(cell.get(1), false);
                } else if (cell.isObject() && format.equals("object") && cell.size() == 2) {
                    // frictionless-py refuses a dict cell (it unpacks the keys); a JSON API sends objects, so we read
                    // them.
                    lon = coordinate(cell.path("lon"), false);
                    lat = coordinate(cell.path("lat"), false);
                } else {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
            if (lon == null
                    || lat == null
                    || lon.abs().compareTo(BigDecimal.valueOf(180)) > 0
                    || lat.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
                return null;
            }
            ArrayNode point = NODES.arrayNode();
            point.add(lon);
            point.add(lat);
            return point;
        };
    }

    /** A coordinate: Decimal() of a string or number when parsed from text; a number only in a JSON cell. */
    private static @Nullable BigDecimal coordinate(JsonNode v, boolean fromText) {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (fromText && v.isString()) {
            Object d = decimal(v.asString().strip());
            return d instanceof BigDecimal b ? b : null;
        }
        return null;
    }

    private static ValueReader geojson(String format) {
        return cell -> {
            JsonNode v = cell.isString() ? parse(cell.asString()) : cell;
            if (v == null || !v.isObject()) {
                return null;
            }
            return (format.equals("topojson") ? topojson(v) : geojson(v)) ? v : null;
        };
    }

    /** The shape the GeoJSON profile asks for: a known type and its members (coordinates are arrays of numbers). */
    private static boolean geojson(JsonNode v) {
        String type = v.path("type").asString("");
        if (GEOMETRIES.contains(type)) {
            return positions(v.path("coordinates"), depth(type));
        }
        return switch (type) {
            case "GeometryCollection" -> {
                JsonNode g = v.path("geometries");
                if (!g.isArray()) {
                    yield false;
                }
                for (JsonNode item : g) {
                    if (!item.isObject()
                            || !GEOMETRIES.contains(item.path("type").asString(""))
                            || !geojson(item)) {
                        yield false;
                    }
                }
                yield true;
            }
            case "Feature" -> {
                JsonNode g = v.path("geometry");
                JsonNode p = v.path("properties");
                yield (g.isNull() || (g.isObject() && geojson(g))) && (p.isNull() || p.isObject());
            }
            case "FeatureCollection" -> {
                JsonNode f = v.path("features");
                if (!f.isArray()) {
                    yield false;
                }
                for (JsonNode item : f) {
                    if (!item.path("type").asString("").equals("Feature") || !geojson(item)) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> false;
        };
    }

    private static int depth(String geometry) {
        return switch (geometry) {
            case "Point" -> 0;
            case "MultiPoint", "LineString" -> 1;
            case "MultiLineString", "Polygon" -> 2;
            default -> 3;
        };
    }

    private static boolean positions(JsonNode v, int depth) {
        if (!v.isArray()) {
            return false;
        }
        if (depth == 0) {
            if (v.size() < 2) {
                return false;
            }
            for (JsonNode n : v) {
                if (!n.isNumber()) {
                    return false;
                }
            }
            return true;
        }
        for (JsonNode n : v) {
            if (!positions(n, depth - 1)) {
                return false;
            }
        }
        return true;
    }

    /** The TopoJSON profile's shape: a Topology with an objects map and an arcs array. */
    private static boolean topojson(JsonNode v) {
        return v.path("type").asString("").equals("Topology")
                && v.path("objects").isObject()
                && v.path("arcs").isArray();
    }

    private static ValueReader list(JsonNode d) {
        String delimiter = d.path("delimiter").asString(",");
        FieldKind itemKind = FieldKind.of(d.path("itemType").asString("string"));
        ValueReader item = ofType(itemKind == null ? FieldKind.STRING : itemKind);
        return cell -> {
            List<JsonNode> items = new ArrayList<>();
            if (cell.isString()) {
                if (!cell.asString().isEmpty()) {
                    for (String part : cell.asString().split(Pattern.quote(delimiter), -1)) {
                        items.add(NODES.stringNode(part));
                    }
                }
            } else if (cell.isArray()) {
                cell.forEach(items::add);
            } else {
                return null;
            }
            ArrayNode out = NODES.arrayNode();
            for (JsonNode i : items) {
                Object v = item.read(i);
                if (v == null) {
                    return null;
                }
                out.add(JsonValues.toJson(v));
            }
            return out;
        };
    }

    /** v2 any: the value as the source gives it (a JSON number stays a number). */
    private static Object any(JsonNode cell) {
        if (cell.isString()) {
            return cell.asString();
        }
        if (cell.isBoolean()) {
            return cell.asBoolean();
        }
        if (cell.isIntegralNumber()) {
            return integral(cell.bigIntegerValue());
        }
        if (cell.isNumber()) {
            return cell.decimalValue();
        }
        return cell;
    }

    static @Nullable JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
