package datastore.schemas.frictionless;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The date and time texts frictionless-py reads without a pattern: dateutil's {@code isoparse} for the default formats
 * (after frictionless-py's length guards), and a subset of dateutil's free-form {@code parse} for format {@code any}
 * (ISO forms, numeric day/month/year month-first as dateutil's default, English month names, 12-hour clocks).
 */
final class DateTexts {
    private static final String TZ = "(Z|z|[+-]\\d{2}(?::?\\d{2})?)?";
    private static final Pattern ISO_TIME = Pattern.compile("(\\d{2}):?(\\d{2}):?(\\d{2})(?:[.,](\\d+))?" + TZ);
    private static final Pattern ISO_DATETIME =
            Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})(.)(\\d{2}):?(\\d{2}):?(\\d{2})(?:[.,](\\d+))?" + TZ);
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    private static final Pattern ANY_TIME = Pattern.compile(
            "(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?(?:[.,](\\d+))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_NUMERIC_DATE = Pattern.compile("(\\d{1,4})([-/.])(\\d{1,2})\\2(\\d{1,4})");
    private static final Pattern ANY_ISO_COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern ANY_NAMED_DATE = Pattern.compile(
            "(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s-]+([a-z]{3,9})\\.?,?[\\s-]+(\\d{2,4})"
                    + "|([a-z]{3,9})\\.?[\\s-]+(\\d{1,2})(?:st|nd|rd|th)?,?[\\s-]+(\\d{2,4}))",
            Pattern.CASE_INSENSITIVE);
    private static final String[] MONTHS = {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december"
    };

    private DateTexts() {}

    /** dateutil's isoparse of a time ({@code hh:mm:ss[.f][tz]}); 24:00:00 is midnight. */
    static Strptime.@Nullable Parsed isoTime(String text) {
        Matcher m = ISO_TIME.matcher(text);
        if (!m.matches()) {
            return null;
        }
        return build(LocalDate.of(2000, 1, 1), m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    /** dateutil's isoparse of a date and time with any one-character separator. */
    static Strptime.@Nullable Parsed isoDateTime(String text) {
        Matcher m = ISO_DATETIME.matcher(text);
        if (!m.matches() || Character.isDigit(m.group(4).charAt(0))) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return build(date, m.group(5), m.group(6), m.group(7), m.group(8), m.group(9));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A free-form date, time or both, as dateutil's parse reads it (missing date parts come from today). */
    static Strptime.@Nullable Parsed any(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        Strptime.Parsed iso = isoDateTime(t);
        if (iso != null) {
            return iso;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // A date part first, then an optional time after whitespace, "T" or ","
        for (Pattern p : new Pattern[] {ISO_DATE, ANY_NUMERIC_DATE, ANY_ISO_COMPACT, ANY_NAMED_DATE}) {
            Matcher m = p.matcher(t);
            if (!m.lookingAt()) {
                continue;
            }
            LocalDate date = date(p, m);
            if (date == null) {
                return null;
            }
            String rest = t.substring(m.end()).replaceFirst("^(?:[Tt]|,?\\s+(?:at\\s+)?)", "");
            if (rest.isEmpty()) {
                return new Strptime.Parsed(date.atStartOfDay(), null);
            }
            return time(date, rest);
        }
        return time(today, t);
    }

    private static Strptime.@Nullable Parsed time(LocalDate date, String text) {
        Matcher m = ANY_TIME.matcher(text);
        if (!m.matches() || (m.group(2) == null && m.group(5) == null)) {
            return null;
        }
        int hour = Integer.parseInt(m.group(1));
        if (m.group(5) != null) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            boolean pm = m.group(5).toLowerCase(Locale.ROOT).startsWith("p");
            hour = pm ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour);
        }
        String tz = m.group(6);
        if (tz != null && (tz.equalsIgnoreCase("UTC") || tz.equalsIgnoreCase("GMT"))) {
            tz = "Z";
        }
        return build(
                date,
                String.valueOf(hour),
                m.group(2) == null ? "0" : m.group(2),
                m.group(3) == null ? "0" : m.group(3),
                m.group(4),
                tz);
    }

    private static @Nullable LocalDate date(Pattern p, Matcher m) {
        try {
            if (p == ISO_DATE || p == ANY_ISO_COMPACT) {
                return LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            if (p == ANY_NUMERIC_DATE) {
                String a = m.group(1);
                int b = Integer.parseInt(m.group(3));
                String c = m.group(4);
                if (a.length() == 4) {
                    return LocalDate.of(Integer.parseInt(a), b, Integer.parseInt(c));
                }
                int first = Integer.parseInt(a);
                int year = year(c);
                // dateutil's default is month first; a first number over 12 can only be the day.
                return first > 12 ? LocalDate.of(year, b, first) : LocalDate.of(year, first, b);
            }
            boolean dayFirst = m.group(1) != null;
            String monthName = dayFirst ? m.group(2) : m.group(4);
            int day = Integer.parseInt(dayFirst ? m.group(1) : m.group(5));
            int year = year(dayFirst ? m.group(3) : m.group(6));
            return LocalDate.of(year, month(monthName), day);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int year(String text) {
        int y = Integer.parseInt(text);
        if (text.length() <= 2) {
            // dateutil puts a two-digit year within 50 years of today; near enough for data is 2000-2049 / 1950-1999.
            return y < 50 ? 2000 + y : 1900 + y;
        }
        return y;
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(n) || (n.length() >= 3 && MONTHS[i].startsWith(n)) || (n.equals("sept") && i == 8)) {
                return i + 1;
            }
        }
        throw new NumberFormatException(name);
    }

    private static Strptime.@Nullable Parsed build(
            LocalDate date, String h, String m, String s, @Nullable String fraction, @Nullable String tz) {
        try {
            int hour = Integer.parseInt(h);
            int minute = Integer.parseInt(m);
            int second = Integer.parseInt(s);
            int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "000000").substring(0, 6)) * 1000;
            LocalDateTime local;
            if (hour == 24 && minute == 0 && second == 0 && nanos == 0) {
                local = date.plusDays(1).atStartOfDay();
            } else {
                local = LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos));
            }
            return new Strptime.Parsed(local, tz == null ? null : offset(tz));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String tz) {
        if (tz.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = tz.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
        int sign = tz.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
}
