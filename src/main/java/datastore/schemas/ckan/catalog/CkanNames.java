package datastore.schemas.ckan.catalog;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CKAN's name rules for packages and organizations ({@code name_validator}) and tags
 * ({@code tag_length_validator}, {@code tag_name_validator}), with CKAN's messages.
 */
public final class CkanNames {
    public static final int NAME_MIN_LENGTH = 2;
    public static final int NAME_MAX_LENGTH = 100;
    public static final int TAG_MIN_LENGTH = 2;
    public static final int TAG_MAX_LENGTH = 100;
    // CKAN's pattern is matched with Python's '$', which also accepts a final newline; this one does not.
    private static final Pattern NAME = Pattern.compile("[a-z0-9_\\-]*");
    private static final Pattern TAG = Pattern.compile("[\\w \\-.]*", Pattern.UNICODE_CHARACTER_CLASS);
    private static final List<String> RESERVED = List.of("new", "edit", "search");

    private CkanNames() {}

    /** Why {@code name} cannot name a package or organization, in CKAN's words; null when it can. */
    public static @Nullable String nameProblem(String name) {
        if (RESERVED.contains(name)) {
            return "That name cannot be used";
        }
        if (name.length() < NAME_MIN_LENGTH) {
            return "Must be at least " + NAME_MIN_LENGTH + " characters long";
        }
        if (name.length() > NAME_MAX_LENGTH) {
            return "Name must be a maximum of " + NAME_MAX_LENGTH + " characters long";
        }
        if (!NAME.matcher(name).matches()) {
            return "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_";
        }
        return null;
    }

    /** Why {@code tag} cannot be a tag, in CKAN's words; null when it can. */
    public static @Nullable String tagProblem(String tag) {
        if (tag.length() < TAG_MIN_LENGTH) {
            return "Tag \"" + tag + "\" length is less than minimum " + TAG_MIN_LENGTH;
        }
        if (tag.length() > TAG_MAX_LENGTH) {
            return "Tag \"" + tag + "\" length is more than maximum " + TAG_MAX_LENGTH;
        }
        if (!TAG.matcher(tag).matches()) {
            return "Tag \"" + tag + "\" can only contain alphanumeric characters, spaces (\" \"), hyphens (\"-\"),"
                    + " underscores (\"_\") or dots (\".\")";
        }
        return null;
    }
}
