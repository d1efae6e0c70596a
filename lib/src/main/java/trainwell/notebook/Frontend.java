package trainwell.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Where rich output goes: one of the three Java kernels, or the console outside a kernel.
 *
 * <p>The library depends on no kernel jar: each kernel's display API is found by class name and called by
 * reflection. The kernels and API generations it knows, tried in this order:
 *
 * <ul>
 *   <li>rapaio-jupyter-kernel: {@code org.rapaio.jupyter.kernel.global.Global} ({@code display(mime, value)});
 *   <li>JJava 1.0-a6 and later: {@code org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel()}, only when it
 *       returns a running kernel; output is sent as a {@code DisplayData} built here (a PNG is encoded here);
 *   <li>JJava up to 1.0-a5: {@code org.dflib.jjava.runtime.Display} ({@code display(value, mime...)});
 *   <li>IJava 1.3: {@code io.github.spencerpark.ijava.runtime.Display} (the same shape).
 * </ul>
 */
public enum Frontend {
    /** rapaio-jupyter-kernel (used here and in CI). */
    RAPAIO,
    /** JJava, the maintained fork of IJava (used on Binder). */
    JJAVA,
    /** IJava 1.3 (SpencerPark). */
    IJAVA,
    /** No kernel: plain Java, unit tests, a terminal. Rich output degrades to text on System.out. */
    CONSOLE;

    /** How the library talks to a running kernel. */
    interface Channel {
        /** Shows a string of the given MIME type; returns the display id (null if the kernel gives none). */
        String display(String mime, String value);

        /** Replaces the content of an earlier output. */
        void update(String id, String mime, String value);

        /** Shows an image as image/png. */
        void image(BufferedImage image);
    }

    /** A kernel API to look for: a class name and how to bind to it (null when it cannot be used). */
    record Candidate(Frontend frontend, String className, Function<Class<?>, Channel> binder) {
        /** rapaio's shape: static {@code display(Object)}, {@code display(String mime, Object)}, {@code updateDisplay(id, mime, value)}. */
        static Candidate mimeFirst(Frontend f, String className) {
            return new Candidate(f, className, Frontend::mimeFirstChannel);
        }

        /** IJava's and old JJava's shape: static {@code display(Object)}, {@code display(Object, String...)}, {@code updateDisplay(id, value, String...)}. */
        static Candidate valueFirst(Frontend f, String className) {
            return new Candidate(f, className, Frontend::valueFirstChannel);
        }

        /** JJava 1.0-a6+: static {@code notebookKernel()} returning the running kernel, with {@code display(DisplayData)}. */
        static Candidate notebookKernel(Frontend f, String className) {
            return new Candidate(f, className, Frontend::notebookKernelChannel);
        }
    }

    /** The kernels this library knows, in the order they are tried. */
    static final List<Candidate> KNOWN = List.of(
            Candidate.mimeFirst(RAPAIO, "org.rapaio.jupyter.kernel.global.Global"),
            Candidate.notebookKernel(JJAVA, "org.dflib.jjava.jupyter.kernel.BaseKernel"),
            Candidate.valueFirst(JJAVA, "org.dflib.jjava.runtime.Display"),
            Candidate.valueFirst(IJAVA, "io.github.spencerpark.ijava.runtime.Display"));

    private static volatile Frontend current;
    private static volatile Channel channel;

    /** The front end this JVM runs in, detected once by the kernel classes that are present and running. */
    public static Frontend current() {
        Frontend f = current;
        return f != null ? f : detect(KNOWN);
    }

    /** Detects the front end among {@code candidates} (the first that binds wins) and makes it current. */
    static synchronized Frontend detect(List<Candidate> candidates) {
        for (Candidate c : candidates) {
            Class<?> type = load(c.className());
            Channel ch = type == null ? null : c.binder().apply(type);
            if (ch != null) {
                channel = ch;
                current = c.frontend();
                return current;
            }
        }
        channel = null;
        current = CONSOLE;
        return CONSOLE;
    }

    /** Forgets the detected front end, so that the next {@link #current()} detects again (tests). */
    static synchronized void reset() {
        channel = null;
        current = null;
    }

    /** True inside a Jupyter kernel. */
    public boolean isKernel() {
        return this != CONSOLE;
    }

    /**
     * Sends a string with an explicit MIME type, hiding the kernels' different APIs; returns the display id
     * that {@link #updateAs} can replace in place.
     */
    String displayAs(String mime, String value) {
        return channel().display(mime, value);
    }

    /** Replaces the content of an earlier output, identified by its display id. */
    void updateAs(String id, String mime, String value) {
        channel().update(id, mime, value);
    }

    /** Sends an image as image/png. */
    void displayImage(BufferedImage image) {
        channel().image(image);
    }

    private Channel channel() {
        Channel ch = channel;
        if (ch == null || current != this) {
            throw new IllegalStateException("No " + name().toLowerCase() + " kernel to display output in");
        }
        return ch;
    }

    /** The image as base64-encoded PNG, the form Jupyter's image/png output takes. */
    static String pngBase64(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("No PNG writer for this image type: " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    // ---- binding to each kernel's API ----

    private static Channel mimeFirstChannel(Class<?> global) {
        try {
            return staticChannel(global.getMethod("display", Object.class),
                    global.getMethod("display", String.class, Object.class),
                    global.getMethod("updateDisplay", String.class, String.class, Object.class), true);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Channel valueFirstChannel(Class<?> display) {
        try {
            return staticChannel(display.getMethod("display", Object.class),
                    display.getMethod("display", Object.class, String[].class),
                    display.getMethod("updateDisplay", String.class, Object.class, String[].class), false);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * A kernel with static display methods. An image goes to {@code display(Object)}: rapaio, IJava and old JJava
     * all render a RenderedImage as image/png. The MIME type comes first (rapaio) or last, as a varargs array.
     */
    private static Channel staticChannel(Method object, Method mime, Method update, boolean mimeFirst) {
        return new Channel() {
            @Override
            public String display(String type, String value) {
                return idOf(mimeFirst ? invoke(mime, null, type, value)
                        : invoke(mime, null, value, new String[] {type}));
            }

            @Override
            public void update(String id, String type, String value) {
                if (mimeFirst) {
                    invoke(update, null, id, type, value);
                } else {
                    invoke(update, null, id, value, new String[] {type});
                }
            }

            @Override
            public void image(BufferedImage image) {
                invoke(object, null, image);
            }
        };
    }

    /**
     * JJava 1.0-a6+: {@code BaseKernel.notebookKernel()} throws (or returns null) when no kernel runs, e.g. when the
     * class is on the classpath of a plain program. Output is a {@code DisplayData} (its class found from
     * {@code display}'s parameter), so the MIME bundle is exactly what is sent, and PNG is encoded here.
     */
    private static Channel notebookKernelChannel(Class<?> baseKernel) {
        final Object kernel;
        try {
            kernel = baseKernel.getMethod("notebookKernel").invoke(null);
        } catch (InvocationTargetException | NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
        if (kernel == null) {
            return null;
        }
        try {
            Method display = null;
            for (Method m : kernel.getClass().getMethods()) {
                if (m.getName().equals("display") && m.getParameterCount() == 1
                        && !m.getParameterTypes()[0].isPrimitive() && m.getParameterTypes()[0] != Object.class) {
                    display = m;
                }
            }
            if (display == null) {
                return null;
            }
            Class<?> dataType = display.getParameterTypes()[0];
            Constructor<?> newData = dataType.getConstructor();
            Method putData = dataType.getMethod("putData", String.class, Object.class);
            Method setId = dataType.getMethod("setDisplayId", String.class);
            Method getIO = kernel.getClass().getMethod("getIO");
            Field stream = getIO.getReturnType().getField("display");
            Method update = stream.getType().getMethod("updateDisplay", String.class, dataType);
            Method shown = display;
            return new Channel() {
                private Object data(String id, String... mimeAndValue) {
                    Object d = newInstance(newData);
                    for (int i = 0; i < mimeAndValue.length; i += 2) {
                        invoke(putData, d, mimeAndValue[i], mimeAndValue[i + 1]);
                    }
                    invoke(setId, d, id);
                    return d;
                }

                private String show(String... mimeAndValue) {
                    String id = UUID.randomUUID().toString();
                    invoke(shown, kernel, data(id, mimeAndValue));
                    return id;
                }

                @Override
                public String display(String type, String value) {
                    return show(type, value, "text/plain", plainText(type, value));
                }

                @Override
                public void update(String id, String type, String value) {
                    Object io = invoke(getIO, kernel);
                    try {
                        invoke(update, stream.get(io), id, data(id, type, value, "text/plain", plainText(type, value)));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("The kernel refused to update output: " + e, e);
                    }
                }

                @Override
                public void image(BufferedImage image) {
                    show("image/png", pngBase64(image),
                            "text/plain", "PNG image, " + image.getWidth() + "x" + image.getHeight());
                }
            };
        } catch (NoSuchMethodException | NoSuchFieldException e) {
            return null;
        }
    }

    /** The text/plain alternative that Jupyter expects next to a rich MIME type. */
    private static String plainText(String mime, String value) {
        return mime.equals("text/html") ? Html.toPlainText(value) : value;
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

    private static String idOf(Object id) {
        return id == null ? null : id.toString();
    }

    private static Object newInstance(Constructor<?> c) {
        try {
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The kernel refused to display output: " + e, e);
        }
    }

    private static Object invoke(Method m, Object target, Object... args) {
        Objects.requireNonNull(m);
        try {
            return m.invoke(target, args);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("The kernel refused to display output: " + cause, cause);
        }
    }
}
