package datastore.services.stream;

import java.util.Locale;
import java.util.Optional;

/** The {@code format} values of {@code /datastore/dump}, with their writers and intended content types. */
public enum DumpFormat {
    CSV("text/csv; charset=utf-8"),
    TSV("text/tab-separated-values; charset=utf-8"),
    JSON("application/json; charset=utf-8"),
    XML("text/xml; charset=utf-8");

    private final String contentType;

    DumpFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The format named by a {@code format} parameter value ({@code csv}, {@code tsv}, {@code json}, {@code xml}). */
    public static Optional<DumpFormat> parse(String name) {
        for (DumpFormat f : values()) {
            if (f.extension().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The content type CKAN intends for this format. (CKAN 2.10/2.11 actually send {@code
     * application/octet-stream} because werkzeug overrides it; the HTTP layer decides which to send.)
     */
    public String contentType() {
        return contentType;
    }

    /** The file extension used in {@code Content-disposition}, equal to the format's parameter value. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The writer producing this format. */
    public DumpWriter writer() {
        return switch (this) {
            case CSV -> CsvDumpWriter.csv();
            case TSV -> CsvDumpWriter.tsv();
            case JSON -> new JsonDumpWriter();
            case XML -> new XmlDumpWriter();
        };
    }
}
