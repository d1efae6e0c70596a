package trainwell.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class StartupFixTest {

    /** The bytes of a class of the real kernel jar (rapaio-jupyter-kernel, a test dependency). */
    private static byte[] kernelClass(String internalName) throws IOException {
        try (InputStream in = StartupFixTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                throw new IOException(internalName + " is not on the test classpath");
            }
            return in.readAllBytes();
        }
    }

    /** The opcodes of the first {@code n} instructions of a method. */
    private static List<Integer> firstOpcodes(byte[] bytes, String method, int n) {
        List<Integer> ops = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                if (!name.equals(method)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    private void add(int op) {
                        if (ops.size() < n) {
                            ops.add(op);
                        }
                    }

                    @Override
                    public void visitVarInsn(int op, int v) {
                        add(op);
                    }

                    @Override
                    public void visitInsn(int op) {
                        add(op);
                    }

                    @Override
                    public void visitFieldInsn(int op, String o, String f, String d) {
                        add(op);
                    }

                    @Override
                    public void visitMethodInsn(int op, String o, String m, String d, boolean i) {
                        add(op);
                    }
                };
            }
        }, 0);
        return ops;
    }

    /** Defines one patched class; every other class comes from the test class path. */
    private static Class<?> define(String internalName, byte[] bytes) throws ClassNotFoundException {
        String binary = internalName.replace('/', '.');
        ClassLoader loader = new ClassLoader(StartupFixTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(binary)) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        return Class.forName(binary, true, loader);
    }

    @Test
    void loopThreadStartSetsRunningBeforeTheThreadStarts() throws Exception {
        byte[] patched = StartupFix.patchLoopThread(kernelClass(StartupFix.LOOP_THREAD));
        assertEquals(List.of(Opcodes.ALOAD, Opcodes.ICONST_1, Opcodes.PUTFIELD, Opcodes.ALOAD),
                firstOpcodes(patched, "start", 4));
    }

    @Test
    void everyPatchedLoopThreadRunsItsBody() throws Exception {
        Class<?> loop = define(StartupFix.LOOP_THREAD, StartupFix.patchLoopThread(kernelClass(StartupFix.LOOP_THREAD)));
        int threads = 300;
        int ran = 0;
        for (int i = 0; i < threads; i++) {
            CountDownLatch latch = new CountDownLatch(1);
            Thread t = (Thread) loop.getConstructor(String.class, long.class, Runnable.class)
                    .newInstance("loop-" + i, 1L, (Runnable) latch::countDown);
            t.start();
            if (latch.await(2, TimeUnit.SECONDS)) {
                ran++;
            }
            loop.getMethod("shutdown").invoke(t);
            t.join(2000);
        }
        assertEquals(threads, ran, "loop threads that ran their body at least once");
    }

    @Test
    void getHandlerFirstWaitsForConnect() throws Exception {
        byte[] patched = StartupFix.patchChannels(kernelClass(StartupFix.CHANNELS));
        assertEquals(List.of(Opcodes.ALOAD, Opcodes.INVOKESTATIC), firstOpcodes(patched, "getHandler", 2));
    }

    @Test
    void theTransformerTouchesOnlyItsThreeClasses() throws Exception {
        StartupFix fix = new StartupFix();
        byte[] other = kernelClass("org/rapaio/jupyter/kernel/channels/ShellChannel");
        assertNull(fix.transform(null, "org/rapaio/jupyter/kernel/channels/ShellChannel", null, null, other));
        assertTrue(fix.transform(null, StartupFix.CHANNELS, null, null, kernelClass(StartupFix.CHANNELS)).length > 0);
        assertTrue(fix.transform(null, StartupFix.TABLE, null, null, kernelClass(StartupFix.TABLE)).length > 0);
        byte[] column = kernelClass("tech/tablesaw/api/DoubleColumn");
        assertNull(fix.transform(null, "tech/tablesaw/api/DoubleColumn", null, null, column));
    }

    /** The names of the methods a method calls, in order. */
    private static List<String> calls(byte[] bytes, String method) {
        List<String> names = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return !name.equals(method) ? null : new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String o, String m, String d, boolean i) {
                        names.add(m);
                    }
                };
            }
        }, 0);
        return names;
    }

    @Test
    void tablesScanIsNarrowedToTablesawJars() throws Exception {
        List<String> before = calls(kernelClass(StartupFix.TABLE), "autoRegisterReadersAndWriters");
        List<String> after = calls(StartupFix.patchTable(kernelClass(StartupFix.TABLE)), "autoRegisterReadersAndWriters");
        assertEquals(List.of("<init>", "enableAllInfo", "whitelistPackages", "scan"), before.subList(0, 4));
        assertEquals(List.of("<init>", "enableAllInfo", "whitelistPackages", "acceptJars", "scan"), after.subList(0, 5));
        after.remove("acceptJars");
        assertEquals(before, after, "nothing else changes");
    }

    /**
     * Initializes Tablesaw's Table in a class loader of its own (every tech.tablesaw class defined anew, so
     * the readers register with this Table), patched with {@code jars} or unpatched when null, and returns
     * which of CSV's reader and writer it registered.
     */
    private static List<Boolean> csvRegistered(String jars) throws Exception {
        ClassLoader loader = new ClassLoader(StartupFixTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.startsWith("tech.tablesaw.")) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                        try {
                            byte[] b = kernelClass(name.replace('.', '/'));
                            if (jars != null && name.equals(StartupFix.TABLE.replace('/', '.'))) {
                                b = StartupFix.patchTable(b, jars);
                            }
                            c = defineClass(name, b, 0, b.length);
                        } catch (IOException e) {
                            throw new ClassNotFoundException(name, e);
                        }
                    }
                    return c;
                }
            }
        };
        Class<?> table = Class.forName(StartupFix.TABLE.replace('/', '.'), true, loader);
        Object readers = table.getField("defaultReaderRegistry").get(null);
        Object writers = table.getField("defaultWriterRegistry").get(null);
        Object reader = readers.getClass().getMethod("getReaderForExtension", String.class).invoke(readers, "csv");
        Object writer = writers.getClass().getMethod("getWriterForExtension", String.class).invoke(writers, "csv");
        return List.of(((java.util.Optional<?>) reader).isPresent(), writer != null);
    }

    @Test
    void theNarrowedScanFindsTheSameReadersAndWriters() throws Exception {
        assertEquals(List.of(true, true), csvRegistered(null), "unpatched Tablesaw");
        assertEquals(List.of(true, true), csvRegistered(StartupFix.TABLESAW_JARS), "scan of tablesaw-*.jar");
        // the test can fail: a scan of jars that do not hold Tablesaw registers nothing
        assertEquals(List.of(false, false), csvRegistered("no-such-*.jar"));
    }

    @Test
    void aTableOfAnotherShapeIsLeftAlone() throws Exception {
        byte[] other = kernelClass("tech/tablesaw/api/DoubleColumn");
        assertThrows(IllegalStateException.class, () -> StartupFix.patchTable(other));
    }

    @Test
    void aClassOfAnotherShapeIsLeftAloneWithAWarning() throws Exception {
        byte[] other = kernelClass("org/rapaio/jupyter/kernel/channels/ShellChannel");
        assertThrows(IllegalStateException.class, () -> StartupFix.patchLoopThread(other));
        assertNull(new StartupFix().transform(null, StartupFix.LOOP_THREAD, null, null, other));
    }

    /** Stands in for rapaio's Channels: a private flag set when connect has finished. */
    static final class FakeChannels {
        @SuppressWarnings("unused")
        private boolean isConnected;
    }

    @Test
    void awaitConnectedReturnsOnceConnectHasFinished() throws Exception {
        FakeChannels channels = new FakeChannels();
        var f = FakeChannels.class.getDeclaredField("isConnected");
        f.setAccessible(true);
        Thread connect = new Thread(() -> {
            try {
                Thread.sleep(200);
                f.setBoolean(channels, true);
            } catch (InterruptedException | IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        connect.start();
        StartupFix.awaitConnected(channels);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(f.getBoolean(channels));
        assertTrue(waited >= 150, "returned after " + waited + " ms, before connect finished");
        connect.join();
    }

    @Test
    void patchingIsDeterministic() throws Exception {
        byte[] original = kernelClass(StartupFix.LOOP_THREAD);
        assertArrayEquals(StartupFix.patchLoopThread(original), StartupFix.patchLoopThread(original));
    }
}
