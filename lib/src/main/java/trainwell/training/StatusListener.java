package trainwell.training;

/** Hands a live run's progress line to an experiment's display, at most five times a second. */
final class StatusListener implements TrainingListener {

    private static final long STATUS_NANOS = 200_000_000L;

    private final Training.StatusSink sink;
    private long lastStatus;

    StatusListener(Training.StatusSink sink) {
        this.sink = sink;
    }

    @Override
    public void onStep(StepRecord s) {
        if (System.nanoTime() - lastStatus > STATUS_NANOS) {
            lastStatus = System.nanoTime();
            sink.report(s.step() + 1, s.run().config().steps(), s.run().progressLine(s));
        }
    }
}
