package trainwell.notebook.fake;

import java.util.ArrayList;
import java.util.List;

/** The shape of rapaio's static {@code Global} display methods (MIME type first), recording its calls as text. */
public final class FakeGlobal {

    public static final List<String> CALLS = new ArrayList<>();

    private FakeGlobal() {}

    public static String display(Object o) {
        CALLS.add("display(" + FakeDisplay.describe(o) + ")");
        return "g1";
    }

    public static String display(String mime, Object o) {
        CALLS.add("display(" + mime + ", " + o + ")");
        return "g1";
    }

    public static void updateDisplay(String id, String mime, Object o) {
        CALLS.add("updateDisplay(" + id + ", " + mime + ", " + o + ")");
    }
}
