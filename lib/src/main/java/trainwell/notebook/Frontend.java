package trainwell.notebook;

import java.awt.image.BufferedImage;
import java.lang.reflect.Method;

/** Where rich output goes: one of the three Java kernels, or the console outside a kernel. */
public enum Frontend {
    /** rapaio-jupyter-kernel (used here and in CI). */
    RAPAIO("org.rapaio.jupyter.kernel.global.Global"),
    /** JJava, the maintained fork of IJava (used on Binder). */
    JJAVA("org.dflib.jjava.runtime.Display"),
    /** IJava 1.3 (SpencerPark). */
    IJAVA("io.github.spencerpark.ijava.runtime.Display"),
    /** No kernel: plain Java, unit tests, a terminal. Rich output degrades to text on System.out. */
    CONSOLE(null);

    private final String displayClass;
    private volatile Method objectDisplay;
    private volatile Method mimeDisplay;
    private volatile Method mimeUpdate;

    Frontend(String displayClass) {
        this.displayClass = displayClass;
    }

    private static volatile Frontend current;

    /** The front end this JVM runs in, detected once by the kernel classes that are present. */
    public static Frontend current() {
        Frontend f = current;
        if (f == null) {
            f = CONSOLE;
            for (Frontend candidate : values()) {
                if (candidate.displayClass != null && candidate.bind()) {
                    f = candidate;
                    break;
                }
            }
            current = f;
        }
        return f;
    }

    /** Forces a front end (tests use CONSOLE); {@code null} means detect again. */
    static void override(Frontend f) {
        current = f;
    }

    /** True inside a Jupyter kernel. */
    public boolean isKernel() {
        return this != CONSOLE;
    }

    private boolean bind() {
        Class<?> c = load(displayClass);
        if (c == null) {
            return false;
        }
        try {
            objectDisplay = c.getMethod("display", Object.class);
            if (this == RAPAIO) {
                mimeDisplay = c.getMethod("display", String.class, Object.class);
                mimeUpdate = c.getMethod("updateDisplay", String.class, String.class, Object.class);
            } else {
                mimeDisplay = c.getMethod("display", Object.class, String[].class);
                mimeUpdate = c.getMethod("updateDisplay", String.class, Object.class, String[].class);
            }
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Class<?> load(String name) {
        for (ClassLoader cl : new ClassLoader[] {
                Thread.currentThread().getContextClassLoader(), Frontend.class.getClassLoader()}) {
            if (cl == null) {
                continue;
            }
            try {
                return Class.forName(name, false, cl);
            } catch (ClassNotFoundException | LinkageError ignored) {
                // try the next loader
            }
        }
        return null;
    }

    /** Sends a value that the kernel renders by its type (an image becomes image/png). */
    void displayObject(Object value) {
        invoke(objectDisplay, value);
    }

    /**
     * Sends a string with an explicit MIME type, hiding the kernels' different argument orders;
     * returns the display id that {@link #updateAs} can replace in place.
     */
    String displayAs(String mime, String value) {
        Object id = this == RAPAIO
                ? invoke(mimeDisplay, mime, value)
                : invoke(mimeDisplay, value, new String[] {mime});
        return id == null ? null : id.toString();
    }

    /** Replaces the content of an earlier output, identified by its display id. */
    void updateAs(String id, String mime, String value) {
        if (this == RAPAIO) {
            invoke(mimeUpdate, id, mime, value);
        } else {
            invoke(mimeUpdate, id, value, new String[] {mime});
        }
    }

    /** Sends an image. */
    void displayImage(BufferedImage image) {
        displayObject(image);
    }

    private static Object invoke(Method m, Object... args) {
        try {
            return m.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("The kernel refused to display output: " + cause, cause);
        }
    }
}
