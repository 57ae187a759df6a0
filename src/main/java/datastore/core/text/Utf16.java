package datastore.core.text;

/** Facts about Java strings as UTF-16 that matter before text is stored or used as a name. */
public final class Utf16 {
    private Utf16() {}

    /** The index of the first surrogate without its pair (no UTF-8 text can hold one); -1 when there is none. */
    public static int loneSurrogateAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
