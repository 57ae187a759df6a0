package datastore.schemas.validation;

import datastore.core.json.JsonMappers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An action's parameters (a JSON body, or a query string whose values are all strings) read with
 * CKAN's validators: their coercions and their messages. Every read marks the key as known, so the
 * leftovers CKAN would report as {@code __extras} can be found afterwards.
 */
public final class Params {
    private static final JsonMapper JSON = JsonMappers.standard();
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "t", "y", "1");

    private final ObjectNode node;
    private final Problems problems;
    private final Set<String> read = new HashSet<>();

    public Params(ObjectNode node, Problems problems) {
        this.node = node;
        this.problems = problems;
    }

    public ObjectNode node() {
        return node;
    }

    public Problems problems() {
        return problems;
    }

    public boolean has(String key) {
        read.add(key);
        return node.has(key) && !node.get(key).isNull();
    }

    public boolean present(String key) {
        read.add(key);
        return node.has(key);
    }

    public Optional<JsonNode> raw(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /**
     * The table a request names: {@code id} wins over {@code resource_id} (CKAN's rename), or the other
     * way round; missing → "Missing value". The name is taken exactly as sent (never trimmed) and must be
     * a possible table or alias name, except CKAN's {@code _table_metadata}, which searches may read.
     */
    public Optional<String> resourceId(boolean idFirst) {
        read.add("id");
        read.add("resource_id");
        JsonNode first = node.get(idFirst ? "id" : "resource_id");
        JsonNode second = node.get(idFirst ? "resource_id" : "id");
        JsonNode v = first != null && !first.isNull() && !text(first).isEmpty() ? first : second;
        if (v == null || v.isNull() || (v.isString() && v.asString().isEmpty())) {
            problems.add("resource_id", "Missing value");
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            problems.add("resource_id", "Must be a string");
            return Optional.empty();
        }
        String name = text(v);
        if (name.equals(TABLE_METADATA)) {
            return Optional.of(name);
        }
        Optional<String> problem = Names.aliasProblem(name);
        if (problem.isPresent()) {
            problems.add("resource_id", invalidName(name, "resource id", problem.get()));
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** CKAN's pseudo-resource listing every table and alias. */
    public static final String TABLE_METADATA = "_table_metadata";

    /** The message for a refused name: what it was meant to be and why it cannot be. */
    public static String invalidName(String name, String what, String why) {
        return "\"" + printable(name) + "\" is not a valid " + what + ": " + why;
    }

    /** A name as a message can show it: control characters and lone surrogates escaped, long names cut. */
    public static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 100; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= 100 ? out + "…" : out.toString();
    }

    public Optional<String> string(String key) {
        return raw(key).map(v -> {
            if (!v.isValueNode()) {
                problems.add(key, "Must be a string");
                return null;
            }
            return text(v);
        });
    }

    /** CKAN's boolean_validator: true/yes/t/y/1 are true, any other string false. */
    public boolean bool(String key, boolean fallback) {
        Optional<JsonNode> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        JsonNode n = v.get();
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isString()) {
            return TRUE_WORDS.contains(n.asString().trim().toLowerCase(Locale.ROOT));
        }
        if (n.isIntegralNumber()) {
            // Any size: 10**30 is as true as 1, and must not overflow a long on the way.
            return n.bigIntegerValue().signum() != 0;
        }
        problems.add(key, "Must be a boolean");
        return fallback;
    }

    /**
     * CKAN's int_validator: integers, integral floats, numeric strings; blank is absent. Values outside a
     * 64-bit integer (10**30, 2**63) are refused here, before anything uses them.
     */
    public Optional<Long> integer(String key) {
        Optional<JsonNode> v = raw(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = v.get();
        try {
            if (n.isNumber()) {
                return Optional.of(exactLong(n.decimalValue()));
            }
            if (n.isString()) {
                String s = n.asString().strip();
                if (s.isEmpty()) {
                    return Optional.empty();
                }
                if (s.length() > 40) {
                    throw new NumberFormatException("too long");
                }
                return Optional.of(exactLong(new BigDecimal(s)));
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to the CKAN message
        }
        problems.add(key, "Invalid integer");
        return Optional.empty();
    }

    private static long exactLong(BigDecimal d) {
        if (d.scale() < -40) {
            throw new ArithmeticException("out of range");
        }
        return d.toBigIntegerExact().longValueExact();
    }

    /** An integer (as {@link #integer}) that must lie within {@code [min, max]}. */
    public Optional<Long> integer(String key, long min, long max) {
        Optional<Long> v = integer(key);
        if (v.isPresent() && (v.get() < min || v.get() > max)) {
            problems.add(key, "Must be between " + min + " and " + max);
            return Optional.empty();
        }
        return v;
    }

    /** natural_number_validator on top of int_validator. */
    public Optional<Long> natural(String key) {
        Optional<Long> v = integer(key);
        if (v.isPresent() && v.get() < 0) {
            problems.add(key, "Must be a natural number");
            return Optional.empty();
        }
        return v;
    }

    /** CKAN's get_list: a JSON array of strings, or a comma-separated string; "" is the empty list. */
    public Optional<List<String>> list(String key) {
        Optional<JsonNode> v = raw(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = v.get();
        if (n.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode item : n) {
                if (!item.isValueNode() || item.isNull()) {
                    problems.add(key, "Neither a string nor a list: " + item);
                    return Optional.empty();
                }
                out.add(text(item));
            }
            return Optional.of(out);
        }
        if (n.isString()) {
            return Optional.of(splitList(n.asString()));
        }
        problems.add(key, "Not a list");
        return Optional.empty();
    }

    /** Splits a comma list the way CKAN's get_list does, stripping matching outer double quotes. */
    public static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        for (String part : s.split(",", -1)) {
            String p = part.strip();
            if (p.length() >= 2 && p.charAt(0) == '"' && p.charAt(p.length() - 1) == '"') {
                p = p.substring(1, p.length() - 1);
            }
            out.add(p);
        }
        return out;
    }

    /** CKAN's json_validator: objects/arrays as-is; a string is parsed as JSON. */
    public Optional<JsonNode> json(String key) {
        Optional<JsonNode> v = raw(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = v.get();
        if (n.isString()) {
            try {
                return Optional.of(JSON.readTree(n.asString()));
            } catch (JacksonException e) {
                problems.add(key, "Cannot parse JSON");
                return Optional.empty();
            }
        }
        return Optional.of(n);
    }

    /** one_of: CKAN's message with the Python list repr. */
    public Optional<String> oneOf(String key, List<String> allowed) {
        Optional<String> v = string(key);
        if (v.isPresent() && !v.get().isEmpty() && !allowed.contains(v.get())) {
            List<String> quoted = allowed.stream().map(a -> "'" + a + "'").toList();
            problems.add(key, "Value must be one of [" + String.join(", ", quoted) + "]");
            return Optional.empty();
        }
        return v.filter(s -> !s.isEmpty());
    }

    /** Keys present in the request that no read asked for, in request order. */
    public List<String> unread() {
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        while (it.hasNext()) {
            String k = it.next().getKey();
            if (!read.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** The text of a scalar node: strings as they are, other scalars as JSON. */
    public static String text(JsonNode n) {
        return n.isString() ? n.asString() : n.toString();
    }
}
