package datastore.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic table shaped like open data, held column-wise so bodies for the service
 * and rows for the raw engines come from exactly the same values. Row {@code i} depends only on the
 * seed and {@code i}.
 */
final class Data {
    static final long SEED = 20261122L;

    static final String[] FIRST = {
        "Ada",
        "Alan",
        "Grace",
        "Edsger",
        "Barbara",
        "Donald",
        "Frances",
        "John",
        "Margaret",
        "Ken",
        "Radia",
        "Tim",
        "Sophie",
        "Niklaus",
        "Karen",
        "Dennis",
        "Hedy",
        "Linus",
        "Shafi",
        "Tony"
    };
    static final String[] LAST = {
        "Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "McCarthy", "Hamilton", "Thompson",
        "Perlman", "Berners-Lee", "Wilson", "Wirth", "Jones", "Ritchie", "Lamarr", "Torvalds", "Goldwasser", "Hoare"
    };
    static final String[] CATEGORY = {
        "health",
        "education",
        "transport",
        "environment",
        "housing",
        "finance",
        "culture",
        "energy",
        "agriculture",
        "justice",
        "tourism",
        "water"
    };
    static final String[] CITY = {
        "Amsterdam",
        "Berlin",
        "Bristol",
        "Copenhagen",
        "Dublin",
        "Edinburgh",
        "Geneva",
        "Helsinki",
        "Lisbon",
        "Ljubljana",
        "London",
        "Lyon",
        "Madrid",
        "Milan",
        "Munich",
        "Oslo",
        "Paris",
        "Porto",
        "Prague",
        "Riga",
        "Rome",
        "Seville",
        "Stockholm",
        "Tallinn",
        "Utrecht",
        "Valencia",
        "Vienna",
        "Vilnius",
        "Warsaw",
        "Zurich"
    };
    /** Free-text vocabulary; earlier words are drawn more often (roughly Zipf). */
    static final String[] WORDS = {
        "report",
        "annual",
        "public",
        "service",
        "data",
        "survey",
        "budget",
        "council",
        "local",
        "national",
        "school",
        "hospital",
        "road",
        "bridge",
        "river",
        "park",
        "station",
        "library",
        "museum",
        "market",
        "district",
        "county",
        "region",
        "office",
        "record",
        "payment",
        "contract",
        "supplier",
        "spending",
        "grant",
        "tender",
        "permit",
        "licence",
        "inspection",
        "complaint",
        "incident",
        "accident",
        "traffic",
        "parking",
        "cycling",
        "walking",
        "bus",
        "train",
        "tram",
        "ferry",
        "airport",
        "harbour",
        "canal",
        "forest",
        "meadow",
        "pollution",
        "emission",
        "noise",
        "waste",
        "recycling",
        "water",
        "energy",
        "solar",
        "wind",
        "heating",
        "housing",
        "rent",
        "property",
        "planning",
        "building",
        "repair",
        "maintenance",
        "cleaning",
        "lighting",
        "safety",
        "police",
        "fire",
        "ambulance",
        "emergency",
        "flood",
        "storm",
        "drought",
        "harvest",
        "farm",
        "cattle",
        "orchard",
        "vineyard",
        "festival",
        "concert",
        "theatre",
        "gallery",
        "exhibition",
        "sport",
        "stadium",
        "swimming",
        "tennis",
        "football",
        "marathon",
        "election",
        "vote",
        "census",
        "population",
        "migration",
        "employment",
        "salary",
        "pension",
        "tax",
        "revenue",
        "invoice",
        "audit",
        "quarterly",
        "monthly",
        "weekly",
        "daily",
        "historic",
        "modern",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "lighthouse",
        "observatory",
        "glacier",
        "volcano",
        "archipelago"
    };

    static final LocalDateTime EPOCH = LocalDateTime.of(2015, 1, 1, 0, 0);
    static final LocalDate DAY0 = LocalDate.of(2010, 1, 1);

    final int rows;
    final byte[] first, last, category, city;
    final String[] description;
    final int[] count;
    final double[] amount;
    final long[] priceCents;
    final boolean[] active;
    final int[] seconds; // since EPOCH
    final short[] day; // since DAY0

    Data(int rows) {
        this.rows = rows;
        first = new byte[rows];
        last = new byte[rows];
        category = new byte[rows];
        city = new byte[rows];
        description = new String[rows];
        count = new int[rows];
        amount = new double[rows];
        priceCents = new long[rows];
        active = new boolean[rows];
        seconds = new int[rows];
        day = new short[rows];
        java.util.stream.IntStream.range(0, rows).parallel().forEach(this::fill);
    }

    private void fill(int i) {
        SplittableRandom r = new SplittableRandom(SEED * 0x9E3779B97F4A7C15L + i);
        first[i] = (byte) r.nextInt(FIRST.length);
        last[i] = (byte) r.nextInt(LAST.length);
        category[i] = (byte) Math.min(CATEGORY.length - 1, (int) Math.abs(r.nextGaussian() * 3.5));
        city[i] = (byte) r.nextInt(CITY.length);
        int n = 6 + r.nextInt(9);
        StringBuilder sb = new StringBuilder(96);
        for (int w = 0; w < n; w++) {
            if (w > 0) sb.append(' ');
            // skewed pick: squares push the distribution towards the first words
            double u = r.nextDouble();
            sb.append(WORDS[(int) (u * u * WORDS.length)]);
        }
        if (r.nextInt(5) == 0) sb.append(" no. ").append(r.nextInt(1000));
        description[i] = sb.toString();
        count[i] = r.nextInt(100_000);
        amount[i] = Math.round((r.nextGaussian() * 250 + 1000) * 1000) / 1000.0;
        priceCents[i] = r.nextLong(10_000_000);
        active[i] = r.nextInt(3) != 0;
        seconds[i] = r.nextInt(10 * 365 * 86_400);
        day[i] = (short) r.nextInt(15 * 365);
    }

    long id(int i) {
        return i + 1L;
    }

    String name(int i) {
        return FIRST[first[i]] + " " + LAST[last[i]];
    }

    String price(int i) {
        long c = priceCents[i];
        return (c / 100) + "." + (c % 100 < 10 ? "0" : "") + (c % 100);
    }

    LocalDateTime timestamp(int i) {
        return EPOCH.plusSeconds(seconds[i]);
    }

    LocalDate date(int i) {
        return DAY0.plusDays(day[i]);
    }

    /** CKAN field definitions for datastore_create. */
    static final String FIELDS_JSON = "[{\"id\":\"id\",\"type\":\"int8\"},{\"id\":\"name\",\"type\":\"text\"},"
            + "{\"id\":\"category\",\"type\":\"text\"},{\"id\":\"city\",\"type\":\"text\"},"
            + "{\"id\":\"description\",\"type\":\"text\"},{\"id\":\"count\",\"type\":\"int4\"},"
            + "{\"id\":\"amount\",\"type\":\"float8\"},{\"id\":\"price\",\"type\":\"numeric\"},"
            + "{\"id\":\"active\",\"type\":\"bool\"},{\"id\":\"recorded_at\",\"type\":\"timestamp\"},"
            + "{\"id\":\"day\",\"type\":\"date\"}]";

    static final String COLUMNS =
            "id, name, category, city, description, count, amount, price, active, recorded_at, day";

    /** Row indices {@code [from, to)} that {@code include} accepts, as the records array of an action body. */
    byte[] jsonBody(String resourceId, String method, int from, int to, java.util.function.IntPredicate include) {
        StringBuilder sb = new StringBuilder((to - from) * 260);
        sb.append("{\"resource_id\":\"")
                .append(resourceId)
                .append("\",\"method\":\"")
                .append(method)
                .append("\",\"records\":[");
        boolean firstRow = true;
        for (int i = from; i < to; i++) {
            if (!include.test(i)) continue;
            if (!firstRow) sb.append(',');
            firstRow = false;
            sb.append("{\"id\":").append(id(i));
            sb.append(",\"name\":\"").append(name(i));
            sb.append("\",\"category\":\"").append(CATEGORY[category[i]]);
            sb.append("\",\"city\":\"").append(CITY[city[i]]);
            sb.append("\",\"description\":\"").append(description[i]);
            sb.append("\",\"count\":").append(count[i]);
            sb.append(",\"amount\":").append(amount[i]);
            sb.append(",\"price\":").append(price(i));
            sb.append(",\"active\":").append(active[i]);
            sb.append(",\"recorded_at\":\"").append(timestamp(i));
            if (seconds[i] % 60 == 0) sb.append(":00");
            sb.append("\",\"day\":\"").append(date(i)).append("\"}");
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Rows {@code [from, to)} as PostgreSQL COPY CSV (no header). */
    byte[] csv(int from, int to, java.util.function.IntPredicate include) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 200);
        StringBuilder sb = new StringBuilder(256);
        for (int i = from; i < to; i++) {
            if (!include.test(i)) continue;
            sb.setLength(0);
            sb.append(id(i)).append(',');
            sb.append(name(i)).append(',');
            sb.append(CATEGORY[category[i]]).append(',');
            sb.append(CITY[city[i]]).append(',');
            sb.append(description[i]).append(',');
            sb.append(count[i]).append(',');
            sb.append(amount[i]).append(',');
            sb.append(price(i)).append(',');
            sb.append(active[i]).append(',');
            sb.append(timestamp(i)).append(',');
            sb.append(date(i)).append('\n');
            out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
