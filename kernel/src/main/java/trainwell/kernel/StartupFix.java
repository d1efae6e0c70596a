package trainwell.kernel;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.security.ProtectionDomain;
import java.util.concurrent.TimeUnit;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A Java agent that corrects two start-up races of rapaio-jupyter-kernel 3.0.x, which made about one
 * kernel start in ten never answer Jupyter (measured: 3 of 30 on an idle machine, 7 of 30 under load).
 *
 * <ol>
 *   <li>{@code LoopThread.start()} calls {@code Thread.start()} before it sets {@code running = true}; a
 *       loop thread that reaches {@code while (running)} first exits at once, silently (the shell, control
 *       and heartbeat channels all run on one). The patch sets {@code running = true} first.</li>
 *   <li>{@code Channels.connect} starts the channel loops before it fills its map of message handlers; a
 *       request that arrives in that gap meets a null map (the shell thread dies of a
 *       NullPointerException) or a half-filled one (the request is dropped as "unhandled"). The patch makes
 *       {@code Channels.getHandler} wait until {@code connect} has finished.</li>
 * </ol>
 *
 * <p>Both patches add a few instructions at the start of a method and change nothing else. A third one saves
 * time rather than mending a race: Tablesaw's {@code Table} class, when first used, scans the whole class
 * path with ClassGraph for its file readers and writers (0.79-0.86 s of every lesson's first table in the
 * course's kernel, measured: DJL's 112 MB native jar and 25 others are opened for a package only Tablesaw's
 * jars hold; 0.47-0.58 s with the patch). The patch adds {@code acceptJars("tablesaw-*.jar")} to that scan,
 * so ClassGraph reads only Tablesaw's jars and finds the same readers and writers (CSV and fixed width in
 * tablesaw-core; an added tablesaw-json or tablesaw-excel jar is still found).
 *
 * <p>A class whose shape does not match (another kernel or Tablesaw version) is left alone and a warning is
 * printed to stderr, so the agent can never stop a kernel from starting. Start the kernel with
 * {@code -javaagent:trainwell-kernel-agent.jar} (bin/setup writes it into the kernel's kernel.json).
 */
public final class StartupFix implements ClassFileTransformer {

    /** Internal name of rapaio's loop thread class. */
    static final String LOOP_THREAD = "org/rapaio/jupyter/kernel/channels/LoopThread";

    /** Internal name of rapaio's channel set. */
    static final String CHANNELS = "org/rapaio/jupyter/kernel/channels/Channels";

    /** Internal name of Tablesaw's table class, whose class initializer scans the class path. */
    static final String TABLE = "tech/tablesaw/api/Table";

    /** Internal name of ClassGraph's scanner (the scan of {@link #TABLE}). */
    static final String CLASS_GRAPH = "io/github/classgraph/ClassGraph";

    /** The jars the patched scan of {@link #TABLE} reads (ClassGraph's leaf-name glob). */
    static final String TABLESAW_JARS = "tablesaw-*.jar";

    /** How long a handler lookup waits for {@code connect} at most before it goes on as before. */
    static final long CONNECT_WAIT_MILLIS = 30_000;

    private static volatile Field connectedField;

    /** The agent's entry point: registers the transformer. */
    public static void premain(String args, Instrumentation instrumentation) {
        instrumentation.addTransformer(new StartupFix());
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) {
        try {
            if (LOOP_THREAD.equals(className)) {
                return patchLoopThread(bytes);
            }
            if (CHANNELS.equals(className)) {
                return patchChannels(bytes);
            }
            if (TABLE.equals(className)) {
                return patchTable(bytes);
            }
        } catch (RuntimeException e) {
            System.err.println("trainwell kernel agent: " + className + " left unpatched: " + e);
        }
        return null;
    }

    /** LoopThread with {@code this.running = true;} as the first statement of {@code start()}. */
    static byte[] patchLoopThread(byte[] bytes) {
        return patch(bytes, "start", "()V", "running", mv -> {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitFieldInsn(Opcodes.PUTFIELD, LOOP_THREAD, "running", "Z");
        });
    }

    /** Channels with {@code StartupFix.awaitConnected(this);} as the first statement of {@code getHandler}. */
    static byte[] patchChannels(byte[] bytes) {
        return patch(bytes, "getHandler", null, "isConnected", mv -> {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "trainwell/kernel/StartupFix", "awaitConnected",
                    "(Ljava/lang/Object;)V", false);
        });
    }

    /**
     * Table with {@code .acceptJars("tablesaw-*.jar")} right after the {@code whitelistPackages} (or
     * {@code acceptPackages}) call of the ClassGraph scan in {@code autoRegisterReadersAndWriters()}.
     */
    static byte[] patchTable(byte[] bytes) {
        return patchTable(bytes, TABLESAW_JARS);
    }

    /** {@link #patchTable(byte[])} with another jar glob (the tests use one that matches no jar). */
    static byte[] patchTable(byte[] bytes, String jars) {
        String stringsToGraph = "([Ljava/lang/String;)L" + CLASS_GRAPH + ";";
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        int[] patched = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String methodName, String methodDesc, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, methodName, methodDesc, signature, exceptions);
                if (!methodName.equals("autoRegisterReadersAndWriters") || !methodDesc.equals("()V")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        super.visitMethodInsn(opcode, owner, name, desc, itf);
                        if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(CLASS_GRAPH) && desc.equals(stringsToGraph)
                                && (name.equals("whitelistPackages") || name.equals("acceptPackages"))) {
                            // the ClassGraph is on the stack: push {jars} and call acceptJars on it
                            super.visitInsn(Opcodes.ICONST_1);
                            super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/String");
                            super.visitInsn(Opcodes.DUP);
                            super.visitInsn(Opcodes.ICONST_0);
                            super.visitLdcInsn(jars);
                            super.visitInsn(Opcodes.AASTORE);
                            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CLASS_GRAPH, "acceptJars", stringsToGraph, false);
                            patched[0]++;
                        }
                    }
                };
            }
        }, 0);
        if (patched[0] != 1) {
            throw new IllegalStateException("expected one ClassGraph package filter in autoRegisterReadersAndWriters"
                    + " of " + reader.getClassName() + ", found " + patched[0]);
        }
        return writer.toByteArray();
    }

    /**
     * Waits until {@code channels.isConnected} is true (rapaio sets it as the last step of
     * {@code connect}, after the handler map is complete), at most {@link #CONNECT_WAIT_MILLIS}.
     */
    public static void awaitConnected(Object channels) {
        try {
            Field f = connectedField;
            if (f == null || f.getDeclaringClass() != channels.getClass()) {
                f = channels.getClass().getDeclaredField("isConnected");
                f.setAccessible(true);
                connectedField = f;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_WAIT_MILLIS);
            while (!f.getBoolean(channels) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("trainwell kernel agent: cannot wait for connect: " + e);
        }
    }

    /** The code inserted at the start of a method. */
    private interface Prologue {
        void emit(MethodVisitor mv);
    }

    /**
     * The class with {@code prologue} at the start of method {@code name} (descriptor {@code desc}, or any
     * when null); fails when the class has no such method or no field {@code field} (another version).
     */
    private static byte[] patch(byte[] bytes, String name, String desc, String field, Prologue prologue) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] found = {false, false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public org.objectweb.asm.FieldVisitor visitField(int access, String fieldName, String fieldDesc,
                    String signature, Object value) {
                if (fieldName.equals(field) && fieldDesc.equals("Z")) {
                    found[1] = true;
                }
                return super.visitField(access, fieldName, fieldDesc, signature, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String methodName, String methodDesc, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, methodName, methodDesc, signature, exceptions);
                if (!methodName.equals(name) || (desc != null && !desc.equals(methodDesc))
                        || (access & Opcodes.ACC_STATIC) != 0) {
                    return mv;
                }
                found[0] = true;
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        prologue.emit(mv);
                    }
                };
            }
        }, 0);
        if (!found[0] || !found[1]) {
            throw new IllegalStateException("expected method " + name + " and boolean field " + field
                    + " in " + reader.getClassName());
        }
        return writer.toByteArray();
    }
}
