package datastore.services.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The small part of Solr's {@code fq} syntax that {@code package_search} here reads: {@code field:value} terms. */
final class FilterQuery {
    private static final Pattern TERM = Pattern.compile("\\+?([a-z_]+):(\"([^\"]*)\"|(\\S+))");

    private FilterQuery() {}

    /** {@code name:gdp tags:"world bank"} → [[name, gdp], [tags, world bank]]; AND/+ between terms ignored. */
    static List<String[]> parse(@Nullable String fq) {
        List<String[]> out = new ArrayList<>();
        if (fq == null) {
            return out;
        }
        Matcher m = TERM.matcher(fq);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(3) != null ? m.group(3) : m.group(4)});
        }
        return out;
    }

    static boolean matches(PackageCatalog.Package p, String field, String value) {
        return switch (field) {
            case "name" -> p.source().slug().equals(value);
            case "title" -> p.source().name().equalsIgnoreCase(value);
            case "tags" -> p.fields().tags().contains(value);
            case "organization" -> p.app().slug().equals(value);
            case "license_id" -> value.equals(p.fields().licenseId());
            default -> false;
        };
    }

    /** What {@code q} searches: name, title, notes and tags, lower-cased. */
    static String text(PackageCatalog.Package p) {
        return String.join(
                        " ",
                        p.source().slug(),
                        p.source().name(),
                        String.valueOf(p.fields().notes()),
                        String.join(" ", p.fields().tags()))
                .toLowerCase(Locale.ROOT);
    }
}
