package datastore.infrastructure.engines.fulltext;

/** Token types of PostgreSQL's default text-search parser, with how a configuration maps them. */
enum TokenType {
    ASCIIWORD("asciiword", Dictionary.ASCII_STEM),
    WORD("word", Dictionary.STEM),
    NUMWORD("numword", Dictionary.SIMPLE),
    EMAIL("email", Dictionary.SIMPLE),
    URL("url", Dictionary.SIMPLE),
    HOST("host", Dictionary.SIMPLE),
    SFLOAT("sfloat", Dictionary.SIMPLE),
    VERSION("version", Dictionary.SIMPLE),
    HWORD_NUMPART("hword_numpart", Dictionary.SIMPLE),
    HWORD_PART("hword_part", Dictionary.STEM),
    HWORD_ASCIIPART("hword_asciipart", Dictionary.ASCII_STEM),
    TAG("tag", Dictionary.NONE),
    PROTOCOL("protocol", Dictionary.NONE),
    NUMHWORD("numhword", Dictionary.SIMPLE),
    ASCIIHWORD("asciihword", Dictionary.ASCII_STEM),
    HWORD("hword", Dictionary.STEM),
    URL_PATH("url_path", Dictionary.SIMPLE),
    FILE("file", Dictionary.SIMPLE),
    FLOAT("float", Dictionary.SIMPLE),
    INT("int", Dictionary.SIMPLE),
    UINT("uint", Dictionary.SIMPLE),
    ENTITY("entity", Dictionary.NONE);

    /** Which dictionary of a configuration handles the token. */
    enum Dictionary {
        /** Not indexed at all. */
        NONE,
        /** Lower-cased only. */
        SIMPLE,
        /** The configuration's stemmer for all-ASCII words (english_stem in russian and hindi). */
        ASCII_STEM,
        /** The configuration's stemmer. */
        STEM
    }

    private final String alias;
    private final Dictionary dictionary;

    TokenType(String alias, Dictionary dictionary) {
        this.alias = alias;
        this.dictionary = dictionary;
    }

    /** The name PostgreSQL's {@code ts_debug} shows. */
    String alias() {
        return alias;
    }

    Dictionary dictionary() {
        return dictionary;
    }
}
