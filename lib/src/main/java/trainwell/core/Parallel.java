package trainwell.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Independent jobs (training runs of an experiment) run side by side, one per available core, with their
 * results in the order of the jobs.
 *
 * <p>How many run at once ({@link #level()}): the setting {@value #SETTING} (a system property or an
 * environment variable, in that order) if it is given; else the cores this process may use (the
 * container's CPU quota, cgroup v2 {@code cpu.max} or v1 {@code cpu.cfs_quota_us}, rounded down, and never
 * more than {@link Runtime#availableProcessors()}) divided by the engine's intra-op threads
 * ({@code ai.djl.pytorch.num_threads}, 1 in the course's kernel). {@code COURSE_PARALLEL=1} runs the jobs one
 * after another on the calling thread, as before. Otherwise the jobs run on worker threads kept from one
 * call to the next (the private method {@code workers} says why).
 */
public final class Parallel {

    /** The name of the setting (system property or environment variable) that fixes the level. */
    public static final String SETTING = "COURSE_PARALLEL";

    private static final long TICK_MILLIS = 250;
    private static final ThreadLocal<AtomicBoolean> CANCEL = new ThreadLocal<>();
    private static volatile Integer cached;

    private Parallel() {}

    /** How many jobs run at once by default (see the class comment); at least 1. */
    public static int level() {
        Integer v = cached;
        if (v == null) {
            String setting = System.getProperty(SETTING);
            if (setting == null || setting.isBlank()) {
                setting = System.getenv(SETTING);
            }
            v = level(setting, cpuQuota(Path.of("/sys/fs/cgroup")), Runtime.getRuntime().availableProcessors(),
                    engineThreads(System.getProperty("ai.djl.pytorch.num_threads")));
            cached = v;
        }
        return v;
    }

    /** Forgets the level worked out before (after a change of the setting, in tests). */
    public static void reset() {
        cached = null;
    }

    /**
     * The level from its inputs: {@code setting} (blank or null: not given) wins; otherwise the usable cores
     * (the quota rounded down, at least 1, at most {@code processors}) divided by {@code engineThreads}.
     *
     * @throws IllegalArgumentException if the setting is not a whole number >= 1
     */
    static int level(String setting, OptionalDouble quota, int processors, int engineThreads) {
        if (setting != null && !setting.isBlank()) {
            int n;
            try {
                n = Integer.parseInt(setting.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SETTING + " must be a whole number >= 1, got \"" + setting + "\"");
            }
            return Args.atLeast(SETTING, n, 1);
        }
        return Math.max(1, usableCores(quota, processors) / Math.max(1, engineThreads));
    }

    /** The cores this process may keep busy: the CPU quota rounded down (at least 1), capped by {@code processors}. */
    static int usableCores(OptionalDouble quota, int processors) {
        int cores = Math.max(1, processors);
        if (quota.isPresent()) {
            cores = Math.min(cores, Math.max(1, (int) Math.floor(quota.getAsDouble() + 1e-9)));
        }
        return cores;
    }

    /** The engine's intra-op threads from the property's value; null or unreadable counts as 1 per core busy. */
    static int engineThreads(String property) {
        if (property == null) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(property.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * The CPU quota in cores under the cgroup file system at {@code root}: v2 {@code cpu.max}, else v1
     * {@code cpu/cpu.cfs_quota_us} over {@code cpu/cpu.cfs_period_us} (or the same files directly under root);
     * empty when there is none ("max", -1) or the files cannot be read.
     */
    static OptionalDouble cpuQuota(Path root) {
        OptionalDouble v2 = read(root.resolve("cpu.max")).map(Parallel::parseCpuMax).orElse(OptionalDouble.empty());
        if (v2.isPresent()) {
            return v2;
        }
        for (Path dir : List.of(root.resolve("cpu"), root.resolve("cpu,cpuacct"), root)) {
            var quota = read(dir.resolve("cpu.cfs_quota_us"));
            var period = read(dir.resolve("cpu.cfs_period_us"));
            if (quota.isPresent() && period.isPresent()) {
                return parseCfs(quota.get(), period.get());
            }
        }
        return OptionalDouble.empty();
    }

    /** Cores from cgroup v2's {@code cpu.max} ("200000 100000" is 2 cores; "max 100000" is no quota). */
    static OptionalDouble parseCpuMax(String content) {
        String[] parts = content.trim().split("\\s+");
        if (parts.length < 1 || parts[0].equals("max") || parts[0].isEmpty()) {
            return OptionalDouble.empty();
        }
        String period = parts.length > 1 ? parts[1] : "100000";
        return parseCfs(parts[0], period);
    }

    /** Cores from cgroup v1's quota and period (microseconds); a quota of -1 (or below 1) is no quota. */
    static OptionalDouble parseCfs(String quota, String period) {
        try {
            long q = Long.parseLong(quota.trim());
            long p = Long.parseLong(period.trim());
            return q > 0 && p > 0 ? OptionalDouble.of((double) q / p) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static java.util.Optional<String> read(Path file) {
        try {
            return Files.isReadable(file) ? java.util.Optional.of(Files.readString(file)) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** A job that failed; names the job, carries its exception as the cause. */
    public static final class JobFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int index;

        JobFailed(int index, String name, int total, Throwable cause) {
            super(String.format(Locale.ROOT, "%s (job %d of %d) failed: %s", name, index + 1, total,
                    cause.getMessage() == null ? cause.getClass().getSimpleName()
                            : cause.getClass().getSimpleName() + ": " + cause.getMessage()), cause);
            this.index = index;
        }

        /** The failed job's position (from 0) in the list given. */
        public int index() {
            return index;
        }
    }

    /**
     * Runs {@code jobs} with at most {@code level} at once and returns their results in the jobs' order.
     * With level 1 (or one job) they run one after another on the calling thread. Otherwise the calling
     * thread waits and calls {@code tick} about four times a second and after every job that ends (for a
     * progress display: front ends are best updated from the thread that runs the cell).
     *
     * <p>If a job throws, no further job starts, the running ones stop at their next check of
     * {@link #cancelled()} (a training run: its next step) and are waited for, and a {@link JobFailed} naming the
     * first failed job ({@code names.get(i)}) is thrown, with any later failures suppressed in it. If the
     * calling thread is interrupted or stopped while it waits, the jobs are cancelled: see {@link #cancelled()}.
     */
    public static <T> List<T> map(List<String> names, List<? extends Callable<T>> jobs, int level, Runnable tick) {
        return map(names, jobs, level, tick, (MemoryGate) null);
    }

    /**
     * {@link #map(List, List, int, Runnable)} where a job starts beside others only while {@code memory}
     * admits it (the process's resident memory plus one job's footprint stays under the bound, see
     * {@link MemoryGate}); otherwise it waits until a running job ends. The first job runs alone while the
     * gate measures its footprint; a job never waits when none is running. {@code memory} null: no gate.
     */
    public static <T> List<T> map(List<String> names, List<? extends Callable<T>> jobs, int level, Runnable tick,
            MemoryGate memory) {
        Args.notNull("names", names);
        Args.notNull("jobs", jobs);
        Args.positive("level", level);
        Args.check(names.size() == jobs.size(), "names", "must name every job (" + jobs.size() + ")", names.size());
        Runnable onTick = tick == null ? () -> {} : tick;
        int n = jobs.size();
        List<T> results = new ArrayList<>(Collections.nCopies(n, null));
        if (level == 1 || n <= 1 || insideJob()) {
            for (int i = 0; i < n; i++) {
                try {
                    results.set(i, jobs.get(i).call());
                } catch (RuntimeException | Error e) {
                    if (n == 1) {
                        throw e;
                    }
                    throw new JobFailed(i, names.get(i), n, e);
                } catch (Exception e) {
                    throw new JobFailed(i, names.get(i), n, e);
                }
                onTick.run();
            }
            return results;
        }
        int atOnce = Math.min(level, n);
        ExecutorService pool = workers(atOnce);
        AtomicBoolean cancel = new AtomicBoolean();
        Object gate = new Object();
        int[] running = {0};
        ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(pool);
        List<Future<Integer>> futures = new ArrayList<>();
        JobFailed failure = null;
        boolean finished = false;
        try {
            int submitted = 0;
            int remaining = n;
            while (remaining > 0) {
                // At most atOnce of this call's jobs are given to the workers at a time: the workers are shared
                // (see workers) and may be more than this call's level.
                while (submitted < n && submitted - (n - remaining) < atOnce && !cancel.get()) {
                    int index = submitted++;
                    Callable<T> job = jobs.get(index);
                    futures.add(done.submit(() -> {
                        boolean measure;
                        synchronized (gate) {
                            while (running[0] > 0 && !cancel.get() && memory != null && !memory.admits(running[0])) {
                                gate.wait(TICK_MILLIS);
                            }
                            if (cancel.get()) {
                                throw new CancellationException("not started: an earlier job failed or was cancelled");
                            }
                            running[0]++;
                            measure = memory != null && !memory.measured() && running[0] == 1;
                        }
                        CANCEL.set(cancel);
                        try {
                            results.set(index, measure ? memory.measure(job) : job.call());
                        } finally {
                            CANCEL.remove();
                            synchronized (gate) {
                                running[0]--;
                                gate.notifyAll();
                            }
                        }
                        return index;
                    }));
                }
                if (submitted - (n - remaining) == 0) {
                    break;   // after a failure: nothing more was given to the workers, and all given have ended
                }
                Future<Integer> f = done.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (f == null) {
                    onTick.run();
                    continue;
                }
                remaining--;
                try {
                    f.get();
                } catch (ExecutionException e) {
                    int index = futures.indexOf(f);
                    Throwable cause = e.getCause();
                    if (cause instanceof CancellationException && failure != null) {
                        continue;   // a job that did not start because of the failure below
                    }
                    JobFailed jf = new JobFailed(index, names.get(index), n, cause);
                    if (failure == null) {
                        failure = jf;
                        // No new job starts, running ones stop at their next check; the loop still waits for
                        // every job given to the workers to end, so that no job runs on after map has returned.
                        cancel.set(true);
                    } else {
                        failure.addSuppressed(jf);
                    }
                } catch (CancellationException e) {
                    // cancelled before it started, after a failure
                }
                onTick.run();
            }
            finished = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + n + " jobs");
        } finally {
            if (!finished) {
                cancel.set(true);   // interrupted or stopped: the running jobs stop at their next check
                for (Future<Integer> f : futures) {
                    f.cancel(true);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private static ExecutorService workers;
    private static int workerCount;
    private static final AtomicInteger WORKER_NUMBER = new AtomicInteger();

    /**
     * The worker threads that run the jobs of {@link #map}: kept for the life of the process (daemon threads,
     * idle between experiments) and grown when a call needs more. A thread's native allocations (PyTorch's
     * tensors) go to the malloc arena the C library gave the thread; threads that share an arena can wait for
     * each other's allocations (lesson 07's sweep took up to 44.9 s when its two workers shared one, 21.8-29.0 s
     * in 15 of 16 kernels when they did not). Kept threads keep their arenas, so the kernel can allow an arena
     * per thread (its kernelspec's {@code MALLOC_ARENA_MAX}) at little cost in memory: lesson 05 peaked at 855 MB
     * so, against 917 MB with a new pair of threads for every experiment and 16 arenas (801 MB with 2 arenas,
     * where two workers could share one).
     */
    static synchronized ExecutorService workers(int count) {
        if (workers == null || workerCount < count) {
            ExecutorService old = workers;
            workers = Executors.newFixedThreadPool(count, r -> {
                Thread t = new Thread(r, "trainwell-job-" + WORKER_NUMBER.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            workerCount = count;
            if (old != null) {
                old.shutdown();   // its threads end once their jobs have
            }
        }
        return workers;
    }

    /**
     * True once the jobs of the {@link #map} that runs the calling thread's job should stop (a job failed, or
     * the waiting thread was interrupted or stopped); a long job checks it at intervals, e.g. every training
     * step. Always false outside such a job.
     */
    public static boolean cancelled() {
        AtomicBoolean flag = CANCEL.get();
        return flag != null && flag.get();
    }

    /** True on a thread that runs a job of {@link #map} (a job's own experiments then run one at a time). */
    public static boolean insideJob() {
        return CANCEL.get() != null;
    }

    /** The setting of the memory bound (system property or environment variable), in MB of resident memory. */
    public static final String MEMORY_SETTING = "COURSE_PARALLEL_MEMORY_MB";

    /** The default memory bound: a run starts beside others only while memory + its footprint stays under this. */
    public static final int DEFAULT_MEMORY_MB = 900;

    /**
     * Lets a job start beside running ones only while the process's resident memory plus one job's
     * footprint stays under a bound ({@value #MEMORY_SETTING}, default {@value #DEFAULT_MEMORY_MB} MB, so that
     * a kernel stays under 1 GB). The footprint is measured on the first job, which starts alone: its peak
     * resident memory (sampled every {@value #SAMPLE_MILLIS} ms) above the memory it started with. Checking
     * the memory alone before a start is not enough: a deep model's run adds its memory only once it trains,
     * so two such runs started together overshot a 500 MB check to 1.4 GB (lesson 05).
     *
     * <p>A job that reports its progress ({@link #progress}) need not finish before others start: once it is
     * {@value #EARLY_FRACTION} of the way through (a training run has then built its model, its optimizer
     * state and its activations many times over), its peak so far, times {@value #EARLY_MARGIN}, stands for
     * the footprint, and later jobs start beside it (the estimate stays: from then on the memory holds the
     * other jobs too).
     */
    public static final class MemoryGate {
        private final double boundMb;
        private final DoubleSupplier residentMb;
        private volatile double footprintMb = Double.NaN;
        private volatile double baselineMb = Double.NaN;
        private volatile double[] measuringPeak;
        private volatile double measuringBefore = Double.NaN;

        /** A gate with the bound {@code boundMb} over the memory reported by {@code residentMb} (NaN: unknown). */
        public MemoryGate(double boundMb, DoubleSupplier residentMb) {
            this.boundMb = Args.positive("boundMb", boundMb);
            this.residentMb = Args.notNull("residentMb", residentMb);
        }

        /** A gate with the bound of {@value #MEMORY_SETTING} over this process's VmRSS. */
        public static MemoryGate fromSettings() {
            return new MemoryGate(memoryBoundMb(), () -> residentMb(Path.of("/proc/self/status")));
        }

        /** True once a job's footprint has been measured. */
        public boolean measured() {
            return !Double.isNaN(footprintMb);
        }

        /** The measured footprint of one job in MB (NaN before a job was measured). */
        public double footprintMb() {
            return footprintMb;
        }

        /**
         * True when one more job fits beside {@code running} running ones: the footprint is known, and the
         * larger of the memory now and the memory before the first job plus a footprint per running job (a
         * job that has just started may not hold its memory yet), plus one more footprint, is at most the
         * bound; true where the memory cannot be read.
         */
        public boolean admits(int running) {
            if (!measured()) {
                return false;
            }
            double now = residentMb.getAsDouble();
            if (Double.isNaN(now)) {
                return true;
            }
            double held = Double.isNaN(baselineMb) ? now : Math.max(now, baselineMb + running * footprintMb);
            return held + footprintMb <= boundMb;
        }

        /**
         * Reports that the job being measured is {@code fraction} (0 to 1) of the way through; from
         * {@value #EARLY_FRACTION} on, its peak so far times {@value #EARLY_MARGIN} becomes the footprint and
         * other jobs may start beside it. Ignored when no job is being measured or the footprint is known.
         */
        public void progress(double fraction) {
            double[] peak = measuringPeak;
            if (peak == null || fraction < EARLY_FRACTION || measured()) {
                return;
            }
            double now = residentMb.getAsDouble();
            synchronized (peak) {
                if (measuringPeak != peak || measured()) {
                    return;
                }
                double top = Double.isNaN(now) ? peak[0] : Double.isNaN(peak[0]) ? now : Math.max(peak[0], now);
                double before = measuringBefore;
                baselineMb = before;
                footprintMb = Double.isNaN(before) || Double.isNaN(top) ? 0 : Math.max(0, top - before) * EARLY_MARGIN;
            }
        }

        /** Runs {@code job} while sampling the memory, and records its footprint (0 where memory is unknown). */
        public <T> T measure(Callable<T> job) throws Exception {
            double before = residentMb.getAsDouble();
            double[] peak = {before};
            measuringBefore = before;
            measuringPeak = peak;
            AtomicBoolean stop = new AtomicBoolean();
            Thread sampler = new Thread(() -> {
                while (!stop.get()) {
                    double now = residentMb.getAsDouble();
                    if (!Double.isNaN(now)) {
                        synchronized (peak) {
                            peak[0] = Double.isNaN(peak[0]) ? now : Math.max(peak[0], now);
                        }
                    }
                    try {
                        Thread.sleep(SAMPLE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "trainwell-memory-sampler");
            sampler.setDaemon(true);
            sampler.start();
            try {
                return job.call();
            } finally {
                stop.set(true);
                sampler.interrupt();
                sampler.join(1000);
                double after = residentMb.getAsDouble();
                synchronized (peak) {
                    measuringPeak = null;
                    double top = Double.isNaN(after) ? peak[0] : Math.max(peak[0], after);
                    double whole = Double.isNaN(before) || Double.isNaN(top) ? 0 : Math.max(0, top - before);
                    baselineMb = before;
                    if (!measured()) { // an early estimate stays: the memory since then holds other jobs too
                        footprintMb = whole;
                    }
                }
            }
        }
    }

    /** The share of the measured job after which its peak so far stands for its footprint. */
    public static final double EARLY_FRACTION = 0.15;

    /** The safety factor on an early footprint estimate. */
    public static final double EARLY_MARGIN = 1.25;

    /** How often {@link MemoryGate#measure} reads the resident memory, ms. */
    public static final int SAMPLE_MILLIS = 20;

    /** The memory bound in MB from the setting, else the default. */
    public static int memoryBoundMb() {
        String v = System.getProperty(MEMORY_SETTING);
        if (v == null || v.isBlank()) {
            v = System.getenv(MEMORY_SETTING);
        }
        if (v == null || v.isBlank()) {
            return DEFAULT_MEMORY_MB;
        }
        try {
            return Args.positive(MEMORY_SETTING, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MEMORY_SETTING + " must be a whole number of MB, got \"" + v + "\"");
        }
    }

    /** VmRSS of a /proc status file in MB, or NaN. */
    static double residentMb(Path status) {
        return read(status).map(text -> {
            for (String line : text.split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    try {
                        return Long.parseLong(parts[1]) / 1024.0;
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                }
            }
            return Double.NaN;
        }).orElse(Double.NaN);
    }

    /** A short description of the level and where it comes from, for a notebook's environment report. */
    public static String describe() {
        String prop = System.getProperty(SETTING);
        String env = System.getenv(SETTING);
        String from = prop != null && !prop.isBlank() ? "system property " + SETTING
                : env != null && !env.isBlank() ? "environment " + SETTING : "cores available";
        return level() + " (" + from + ")";
    }
}
