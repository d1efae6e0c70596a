package trainwell.notebook.fake;

import java.util.ArrayList;
import java.util.List;

/** The shape of IJava's and old JJava's static {@code runtime.Display}, recording its calls as text. */
public final class FakeDisplay {

    public static final List<String> CALLS = new ArrayList<>();
    private static int ids;

    private FakeDisplay() {}

    public static String display(Object o) {
        CALLS.add("display(" + describe(o) + ")");
        return "id" + ++ids;
    }

    public static String display(Object o, String... as) {
        CALLS.add("display(" + describe(o) + ", " + String.join(",", as) + ")");
        return "id" + ++ids;
    }

    public static void updateDisplay(String id, Object o, String... as) {
        CALLS.add("updateDisplay(" + id + ", " + describe(o) + ", " + String.join(",", as) + ")");
    }

    static String describe(Object o) {
        return o instanceof java.awt.image.BufferedImage i ? "image " + i.getWidth() + "x" + i.getHeight() : String.valueOf(o);
    }
}
