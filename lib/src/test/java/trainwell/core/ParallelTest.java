package trainwell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelTest {

    @Test
    void cgroupV2CpuMaxGivesCores() {
        assertEquals(2.0, Parallel.parseCpuMax("200000 100000\n").getAsDouble(), 1e-12);
        assertEquals(1.5, Parallel.parseCpuMax("150000 100000").getAsDouble(), 1e-12);
        assertTrue(Parallel.parseCpuMax("max 100000\n").isEmpty());
        assertTrue(Parallel.parseCpuMax("").isEmpty());
        assertTrue(Parallel.parseCpuMax("garbage here").isEmpty());
    }

    @Test
    void cgroupV1QuotaOverPeriodGivesCores() {
        assertEquals(4.0, Parallel.parseCfs("400000\n", "100000\n").getAsDouble(), 1e-12);
        assertTrue(Parallel.parseCfs("-1", "100000").isEmpty(), "-1: no quota");
        assertTrue(Parallel.parseCfs("100000", "0").isEmpty());
    }

    @Test
    void quotaIsReadFromV2ThenV1Files(@TempDir Path dir) throws Exception {
        assertTrue(Parallel.cpuQuota(dir).isEmpty(), "no files: no quota");
        Path v1 = Files.createDirectories(dir.resolve("cpu"));
        Files.writeString(v1.resolve("cpu.cfs_quota_us"), "300000\n");
        Files.writeString(v1.resolve("cpu.cfs_period_us"), "100000\n");
        assertEquals(3.0, Parallel.cpuQuota(dir).getAsDouble(), 1e-12);
        Files.writeString(dir.resolve("cpu.max"), "100000 100000\n");
        assertEquals(1.0, Parallel.cpuQuota(dir).getAsDouble(), 1e-12, "v2 wins");
        Files.writeString(dir.resolve("cpu.max"), "max 100000\n");
        assertEquals(3.0, Parallel.cpuQuota(dir).getAsDouble(), 1e-12, "v2 without a limit: v1's");
    }

    @Test
    void levelIsTheUsableCoresOverTheEngineThreads() {
        assertEquals(2, Parallel.level(null, OptionalDouble.empty(), 2, 1));
        assertEquals(2, Parallel.level("", OptionalDouble.of(2.5), 8, 1), "a quota of 2.5 cores keeps 2 busy");
        assertEquals(1, Parallel.level(null, OptionalDouble.of(0.5), 8, 1), "never below 1");
        assertEquals(4, Parallel.level(null, OptionalDouble.of(16), 4, 1), "never above the processors");
        assertEquals(2, Parallel.level(null, OptionalDouble.empty(), 4, 2), "two intra-op threads per run");
        assertEquals(1, Parallel.level(null, OptionalDouble.empty(), 1, 4));
        assertEquals(3, Parallel.level(" 3 ", OptionalDouble.of(1), 1, 1), "the setting wins");
        assertEquals(1, Parallel.level("1", OptionalDouble.empty(), 8, 1));
    }

    @Test
    void aBadSettingNamesItselfAndTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Parallel.level("two", OptionalDouble.empty(), 2, 1));
        assertTrue(e.getMessage().contains("COURSE_PARALLEL") && e.getMessage().contains("two"), e.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> Parallel.level("0", OptionalDouble.empty(), 2, 1));
        assertTrue(zero.getMessage().contains("COURSE_PARALLEL"), zero.getMessage());
    }

    @Test
    void engineThreadsFromTheProperty() {
        assertEquals(1, Parallel.engineThreads(null));
        assertEquals(2, Parallel.engineThreads("2"));
        assertEquals(1, Parallel.engineThreads("auto"));
        assertEquals(1, Parallel.engineThreads("0"));
    }

    @Test
    void theSettingIsReadFromTheSystemProperty() {
        String before = System.getProperty(Parallel.SETTING);
        try {
            System.setProperty(Parallel.SETTING, "3");
            Parallel.reset();
            assertEquals(3, Parallel.level());
            assertTrue(Parallel.describe().startsWith("3 (system property"), Parallel.describe());
        } finally {
            if (before == null) {
                System.clearProperty(Parallel.SETTING);
            } else {
                System.setProperty(Parallel.SETTING, before);
            }
            Parallel.reset();
        }
        assertTrue(Parallel.level() >= 1);
    }

    private static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("job " + i);
        }
        return names;
    }

    @Test
    void resultsKeepTheJobsOrderWhateverOrderTheyFinishIn() {
        List<Callable<Integer>> jobs = new ArrayList<>();
        List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 6; i++) {
            int k = i;
            jobs.add(() -> {
                Thread.sleep(10L * (6 - k));   // the first job finishes last
                finished.add(k);
                return k * k;
            });
        }
        assertEquals(List.of(0, 1, 4, 9, 16, 25), Parallel.map(names(6), jobs, 3, null));
        assertTrue(finished.indexOf(0) > finished.indexOf(1), "job 0 should have finished after job 1: " + finished);
    }

    @Test
    void jobsReallyRunAtTheSameTime() {
        CountDownLatch both = new CountDownLatch(2);
        Callable<Boolean> job = () -> {
            both.countDown();
            return both.await(10, TimeUnit.SECONDS);   // only true if the other job runs meanwhile
        };
        assertEquals(List.of(true, true), Parallel.map(names(2), List.of(job, job), 2, null));
    }

    @Test
    void theWorkerThreadsAreKeptFromOneCallToTheNext() throws Exception {
        Callable<Thread> which = () -> {
            Thread.sleep(30);
            return Thread.currentThread();
        };
        var pool = Parallel.workers(2);
        var first = new java.util.HashSet<>(Parallel.map(names(4), List.of(which, which, which, which), 2, null));
        var second = new java.util.HashSet<>(Parallel.map(names(4), List.of(which, which, which, which), 2, null));
        assertSame(pool, Parallel.workers(2), "the same workers serve every call");
        var all = new java.util.HashSet<Thread>();
        all.addAll(first);
        all.addAll(second);
        var pooled = new java.util.HashSet<>(pool.invokeAll(java.util.Collections.nCopies(64, which))
                .stream().map(f -> {
                    try {
                        return f.get();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList());
        assertTrue(pooled.containsAll(all), "every job ran on a kept worker: " + all + " " + pooled);
        assertTrue(all.stream().allMatch(t -> t.isDaemon() && t.getName().startsWith("trainwell-job-")), all.toString());
        assertFalse(all.contains(Thread.currentThread()), "jobs run on worker threads");
    }

    @Test
    void aCallRunsAtMostItsLevelAtOnceEvenWhenMoreWorkersExist() {
        AtomicInteger live = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(() -> {
                most.accumulateAndGet(live.incrementAndGet(), Math::max);
                Thread.sleep(40);
                live.decrementAndGet();
                return 1;
            });
        }
        Parallel.map(names(8), jobs, 4, null);   // four workers now exist
        assertEquals(4, most.get(), "level 4 should run four at once");
        most.set(0);
        assertEquals(8, Parallel.map(names(8), jobs, 2, null).stream().mapToInt(Integer::intValue).sum());
        assertEquals(2, most.get(), "level 2 should run two at once, not one per worker");
    }

    @Test
    void levelOneRunsOnTheCallingThreadInOrder() {
        Thread caller = Thread.currentThread();
        List<Integer> order = new ArrayList<>();
        List<Callable<Boolean>> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int k = i;
            jobs.add(() -> order.add(k) && Thread.currentThread() == caller && !Parallel.insideJob());
        }
        assertEquals(List.of(true, true, true, true), Parallel.map(names(4), jobs, 1, null));
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @Test
    void aFailedJobIsNamedAndLaterJobsDoNotStart() {
        AtomicInteger started = new AtomicInteger();
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int k = i;
            jobs.add(() -> {
                started.incrementAndGet();
                if (k == 1) {
                    throw new IllegalStateException("boom in one run");
                }
                Thread.sleep(50);
                return k;
            });
        }
        var e = assertThrows(Parallel.JobFailed.class, () -> Parallel.map(names(20), jobs, 2, null));
        assertEquals(1, e.index());
        assertTrue(e.getMessage().startsWith("job 1 (job 2 of 20) failed: IllegalStateException: boom in one run"),
                e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(started.get() < 20, "jobs after the failure should not start: " + started.get());
    }

    @Test
    void aFailedJobIsNamedWhenSequentialToo() {
        List<Callable<Integer>> jobs = List.of(() -> 1, () -> {
            throw new IllegalArgumentException("lr must be > 0, got -1.0");
        }, () -> 3);
        var e = assertThrows(Parallel.JobFailed.class, () -> Parallel.map(names(3), jobs, 1, null));
        assertTrue(e.getMessage().contains("job 1 (job 2 of 3)") && e.getMessage().contains("lr must be > 0"), e.getMessage());
        RuntimeException alone = new IllegalArgumentException("x");
        var single = assertThrows(IllegalArgumentException.class, () -> Parallel.map(names(1), List.<Callable<Integer>>of(() -> {
            throw alone;
        }), 2, null));
        assertSame(alone, single, "a single job's exception passes unchanged");
    }

    @Test
    void aJobInsideAJobRunsItsOwnJobsOneAtATime() {
        Callable<Integer> inner = () -> {
            Thread t = Thread.currentThread();
            List<Callable<Boolean>> jobs = List.of(() -> Thread.currentThread() == t, () -> Thread.currentThread() == t);
            return (int) Parallel.map(names(2), jobs, 4, null).stream().filter(b -> b).count();
        };
        assertEquals(List.of(2, 2), Parallel.map(names(2), List.of(inner, inner), 2, null));
    }

    @Test
    void cancelledIsFalseOutsideJobsAndTrueForRunningJobsAfterAFailure() throws Exception {
        assertFalse(Parallel.cancelled());
        CountDownLatch failed = new CountDownLatch(1);
        CountDownLatch watching = new CountDownLatch(1);
        List<Boolean> seen = Collections.synchronizedList(new ArrayList<>());
        Callable<Integer> watcher = () -> {
            watching.countDown();
            failed.await(10, TimeUnit.SECONDS);
            long until = System.nanoTime() + 5_000_000_000L;
            while (!Parallel.cancelled() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            seen.add(Parallel.cancelled());
            return 0;
        };
        Callable<Integer> failing = () -> {
            watching.await(10, TimeUnit.SECONDS);   // the watcher runs before the failure, whatever else the workers do
            failed.countDown();
            throw new IllegalStateException("fails");
        };
        assertThrows(Parallel.JobFailed.class, () -> Parallel.map(names(2), List.of(watcher, failing), 2, null));
        assertEquals(List.of(true), seen);
    }

    @Test
    void ticksWhileWaiting() {
        AtomicInteger ticks = new AtomicInteger();
        Callable<Integer> slow = () -> {
            Thread.sleep(700);
            return 1;
        };
        Parallel.map(names(2), List.of(slow, slow), 2, ticks::incrementAndGet);
        assertTrue(ticks.get() >= 2, "ticks: " + ticks.get());
    }

    @Test
    void argumentsAreChecked() {
        var e = assertThrows(IllegalArgumentException.class, () -> Parallel.map(names(1), List.<Callable<Integer>>of(), 2, null));
        assertTrue(e.getMessage().startsWith("names"), e.getMessage());
        var l = assertThrows(IllegalArgumentException.class, () -> Parallel.map(names(0), List.<Callable<Integer>>of(), 0, null));
        assertTrue(l.getMessage().startsWith("level"), l.getMessage());
    }

    /** Four jobs that each hold {@code footprint} MB of a fake memory while they run; records the most at once. */
    private static List<Callable<Integer>> heavyJobs(double[] memory, double footprint, AtomicInteger live,
            AtomicInteger most) {
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int k = i;
            jobs.add(() -> {
                most.accumulateAndGet(live.incrementAndGet(), Math::max);
                synchronized (memory) {
                    memory[0] += footprint;
                }
                Thread.sleep(120);
                synchronized (memory) {
                    memory[0] -= footprint;
                }
                live.decrementAndGet();
                return k;
            });
        }
        return jobs;
    }

    @Test
    void theMemoryGateLetsTheFirstJobRunAloneAndLearnsItsFootprint() {
        double[] memory = {400};
        var gate = new Parallel.MemoryGate(900, () -> {
            synchronized (memory) {
                return memory[0];
            }
        });
        AtomicInteger live = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // 400 MB held, 400 MB per job: 400 + 400 fits once, never twice (1,200 > 900): one at a time.
        assertEquals(List.of(0, 1, 2, 3), Parallel.map(names(4), heavyJobs(memory, 400, live, most), 4, null, gate));
        assertEquals(1, most.get(), "a second 400 MB job would pass the 900 MB bound");
        assertEquals(400, gate.footprintMb(), 1e-9);
        // 100 MB per job: after the first (measured alone) they run side by side.
        var light = new Parallel.MemoryGate(900, () -> {
            synchronized (memory) {
                return memory[0];
            }
        });
        most.set(0);
        assertEquals(List.of(0, 1, 2, 3), Parallel.map(names(4), heavyJobs(memory, 100, live, most), 4, null, light));
        assertEquals(100, light.footprintMb(), 1e-9);
        assertTrue(most.get() >= 2, "light jobs run side by side: " + most.get());
    }

    /** Two jobs that each hold {@code footprint} MB of a fake memory and report progress to the gate in ten steps. */
    private static List<Callable<Integer>> progressingJobs(double[] memory, double footprint, Parallel.MemoryGate gate,
            AtomicInteger live, AtomicInteger most) {
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int k = i;
            jobs.add(() -> {
                most.accumulateAndGet(live.incrementAndGet(), Math::max);
                synchronized (memory) {
                    memory[0] += footprint;
                }
                for (int step = 1; step <= 10; step++) {
                    Thread.sleep(50);
                    gate.progress(step / 10.0);
                }
                synchronized (memory) {
                    memory[0] -= footprint;
                }
                live.decrementAndGet();
                return k;
            });
        }
        return jobs;
    }

    private static Parallel.MemoryGate gateOver(double[] memory) {
        return new Parallel.MemoryGate(900, () -> {
            synchronized (memory) {
                return memory[0];
            }
        });
    }

    @Test
    void aJobThatReportsProgressLetsOthersStartBeforeItEnds() {
        double[] memory = {400};
        var gate = gateOver(memory);
        AtomicInteger live = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        assertEquals(List.of(0, 1), Parallel.map(names(2), progressingJobs(memory, 100, gate, live, most), 2, null, gate));
        assertEquals(2, most.get(), "the second job starts once the first is a fifth of the way through");
        assertEquals(125, gate.footprintMb(), 1e-9, "the early estimate: 100 MB times the margin 1.25");

        // 400 MB per job reported early: 400 + 1.25 x 400 > 900, so the second job still waits.
        double[] heavy = {400};
        var strict = gateOver(heavy);
        most.set(0);
        assertEquals(List.of(0, 1), Parallel.map(names(2), progressingJobs(heavy, 400, strict, live, most), 2, null, strict));
        assertEquals(1, most.get(), "a 400 MB job leaves no room for a second under 900 MB");
    }

    @Test
    void progressOutsideAMeasurementChangesNothing() {
        var gate = new Parallel.MemoryGate(900, () -> 100);
        gate.progress(0.5);
        assertFalse(gate.measured(), "no job is being measured");
    }

    @Test
    void theMemoryGateAdmitsNothingBeforeItHasMeasuredAJob() throws Exception {
        var gate = new Parallel.MemoryGate(900, () -> 100);
        assertFalse(gate.measured());
        assertFalse(gate.admits(1));
        assertEquals(7, gate.measure(() -> 7));
        assertTrue(gate.measured());
        assertEquals(0, gate.footprintMb(), 1e-9);
        assertTrue(gate.admits(1));
        var unknown = new Parallel.MemoryGate(900, () -> Double.NaN);
        unknown.measure(() -> 1);
        assertTrue(unknown.admits(3), "where memory cannot be read, the gate does not hold jobs back");
        var e = assertThrows(IllegalArgumentException.class, () -> new Parallel.MemoryGate(0, () -> 1));
        assertTrue(e.getMessage().contains("boundMb"), e.getMessage());
    }

    @Test
    void withoutAGateJobsRunSideBySide() {
        CountDownLatch both = new CountDownLatch(2);
        Callable<Boolean> together = () -> {
            both.countDown();
            return both.await(10, TimeUnit.SECONDS);
        };
        assertEquals(List.of(true, true), Parallel.map(names(2), List.of(together, together), 2, null));
    }

    @Test
    void residentMemoryIsReadFromProcStatus(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmHWM:\t  900000 kB\nVmRSS:\t  512000 kB\nThreads:\t40\n");
        assertEquals(500.0, Parallel.residentMb(status), 1e-9);
        Files.writeString(status, "Name:\tjava\n");
        assertTrue(Double.isNaN(Parallel.residentMb(status)));
        assertTrue(Double.isNaN(Parallel.residentMb(dir.resolve("missing"))));
        assertTrue(Parallel.residentMb(Path.of("/proc/self/status")) > 1 || !Files.exists(Path.of("/proc/self/status")));
    }

    @Test
    void theMemoryBoundComesFromItsSetting() {
        String before = System.getProperty(Parallel.MEMORY_SETTING);
        try {
            System.clearProperty(Parallel.MEMORY_SETTING);
            if (System.getenv(Parallel.MEMORY_SETTING) == null) {
                assertEquals(Parallel.DEFAULT_MEMORY_MB, Parallel.memoryBoundMb());
            }
            System.setProperty(Parallel.MEMORY_SETTING, "1");
            assertEquals(1, Parallel.memoryBoundMb());
            System.setProperty(Parallel.MEMORY_SETTING, "lots");
            var e = assertThrows(IllegalArgumentException.class, Parallel::memoryBoundMb);
            assertTrue(e.getMessage().contains(Parallel.MEMORY_SETTING) && e.getMessage().contains("lots"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(Parallel.MEMORY_SETTING);
            } else {
                System.setProperty(Parallel.MEMORY_SETTING, before);
            }
        }
    }
}
