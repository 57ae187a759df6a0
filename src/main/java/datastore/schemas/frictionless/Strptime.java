package datastore.schemas.frictionless;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code datetime.strptime} for the C locale, ported from CPython's {@code _strptime}: the same directive
 * regular expressions, case-insensitive matching, whitespace in the pattern matching any run of whitespace, the whole
 * text consumed, and the same defaults (1900-01-01 00:00). {@code %U}, {@code %W}, {@code %G}, {@code %V} and
 * {@code %u} are matched but, unlike CPython, not used to compute the date.
 */
final class Strptime {
    private static final String MONTHS =
            "january|february|march|april|may|june|july|august|september|october|november|december";
    private static final String MONTHS_ABBR = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
    private static final String DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final String DAYS_ABBR = "mon|tue|wed|thu|fri|sat|sun";

    private static final Map<Character, String> DIRECTIVES = Map.ofEntries(
            Map.entry('d', "3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9]"),
            Map.entry('f', "[0-9]{1,6}"),
            Map.entry('H', "2[0-3]|[0-1]\\d|\\d"),
            Map.entry('I', "1[0-2]|0[1-9]|[1-9]"),
            Map.entry('G', "\\d\\d\\d\\d"),
            Map.entry('j', "36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]"),
            Map.entry('m', "1[0-2]|0[1-9]|[1-9]"),
            Map.entry('M', "[0-5]\\d|\\d"),
            Map.entry('S', "6[0-1]|[0-5]\\d|\\d"),
            Map.entry('U', "5[0-3]|[0-4]\\d|\\d"),
            Map.entry('W', "5[0-3]|[0-4]\\d|\\d"),
            Map.entry('w', "[0-6]"),
            Map.entry('u', "[1-7]"),
            Map.entry('V', "5[0-3]|0[1-9]|[1-4]\\d|\\d"),
            Map.entry('y', "\\d\\d"),
            Map.entry('Y', "\\d\\d\\d\\d"),
            Map.entry('z', "[+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|(?-i:Z)"),
            Map.entry('A', DAYS),
            Map.entry('a', DAYS_ABBR),
            Map.entry('B', MONTHS),
            Map.entry('b', MONTHS_ABBR),
            Map.entry('h', MONTHS_ABBR),
            Map.entry('p', "am|pm"),
            Map.entry('Z', "utc|gmt"));

    /** The C locale's composite directives, expanded before compiling (as {@code _strptime} does). */
    private static final Map<Character, String> COMPOSITE = Map.of(
            'c',
            "%a %b %d %H:%M:%S %Y",
            'x',
            "%m/%d/%y",
            'X',
            "%H:%M:%S",
            'D',
            "%m/%d/%y",
            'T',
            "%H:%M:%S",
            'R',
            "%H:%M");

    /** A parsed value: the fields {@code datetime.strptime} would fill; {@code offset} null when no {@code %z}. */
    record Parsed(LocalDateTime local, @Nullable ZoneOffset offset) {
        Object dateTime() {
            return offset == null ? local : OffsetDateTime.of(local, offset);
        }

        Object time() {
            return offset == null ? local.toLocalTime() : local.toLocalTime().atOffset(offset);
        }
    }

    private final Pattern regex;
    private final List<Character> groups;

    private Strptime(Pattern regex, List<Character> groups) {
        this.regex = regex;
        this.groups = groups;
    }

    /** Compiles a strptime pattern; null when it uses a directive Python does not know (strptime raises then too). */
    static @Nullable Strptime compile(String format) {
        StringBuilder expanded = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length() && COMPOSITE.containsKey(format.charAt(i + 1))) {
                expanded.append(COMPOSITE.get(format.charAt(++i)));
            } else {
                expanded.append(c);
                if (c == '%' && i + 1 < format.length()) {
                    expanded.append(format.charAt(++i));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        List<Character> groups = new ArrayList<>();
        String f = expanded.toString();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '%') {
                if (i + 1 >= f.length()) {
                    return null; // "stray % in format"
                }
                char d = f.charAt(++i);
                if (d == '%') {
                    out.append('%');
                    continue;
                }
                String re = DIRECTIVES.get(d);
                if (re == null) {
                    return null;
                }
                out.append('(').append(re).append(')');
                groups.add(d);
            } else if (Character.isWhitespace(c)) {
                while (i + 1 < f.length() && Character.isWhitespace(f.charAt(i + 1))) {
                    i++;
                }
                out.append("\\s+");
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Strptime(Pattern.compile(out.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), groups);
    }

    /** The text parsed, or null when it does not match or names an impossible date. */
    @Nullable
    Parsed parse(String text) {
        Matcher m = regex.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int year = 1900;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        int julian = -1;
        int hour12 = -1;
        boolean pm = false;
        boolean ampm = false;
        ZoneOffset offset = null;
        try {
            for (int g = 0; g < groups.size(); g++) {
                String v = m.group(g + 1);
                switch (groups.get(g)) {
                    case 'y' -> {
                        int y = Integer.parseInt(v);
                        year = y <= 68 ? 2000 + y : 1900 + y;
                    }
                    case 'Y' -> year = Integer.parseInt(v);
                    case 'm' -> month = Integer.parseInt(v);
                    case 'B' -> month = index(MONTHS, v);
                    case 'b', 'h' -> month = index(MONTHS_ABBR, v);
                    case 'd' -> day = Integer.parseInt(v.trim());
                    case 'H' -> hour = Integer.parseInt(v);
                    case 'I' -> hour12 = Integer.parseInt(v);
                    case 'p' -> {
                        ampm = true;
                        pm = v.equalsIgnoreCase("pm");
                    }
                    case 'M' -> minute = Integer.parseInt(v);
                    case 'S' -> second = Integer.parseInt(v);
                    case 'f' -> nanos = Integer.parseInt((v + "000000").substring(0, 6)) * 1000;
                    case 'j' -> julian = Integer.parseInt(v);
                    case 'z' -> offset = offset(v);
                    case 'Z' -> offset = ZoneOffset.UTC;
                    default -> {} // weekday and week numbers: matched, not used
                }
            }
            if (hour12 >= 0) {
                // Like CPython: %I without %p is a morning hour; 12 AM is 0 and 12 PM is 12.
                hour = ampm && pm ? (hour12 == 12 ? 12 : hour12 + 12) : (hour12 == 12 ? 0 : hour12);
            }
            if (second > 59) {
                return null; // %S matches 60 and 61 (leap seconds), which datetime() then refuses
            }
            LocalDate date = julian > 0 ? LocalDate.ofYearDay(year, julian) : LocalDate.of(year, month, day);
            return new Parsed(LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos)), offset);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int index(String alternatives, String value) {
        String[] names = alternatives.split("\\|");
        String v = value.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(v)) {
                return i + 1;
            }
        }
        throw new NumberFormatException(value);
    }

    private static ZoneOffset offset(String z) {
        if (z.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = z.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = Integer.parseInt(digits.substring(2, 4));
        int seconds = digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 0;
        int sign = z.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
    }
}
