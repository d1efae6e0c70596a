package trainwell.initialization;

/** A model that can report its per-layer activations to an {@link ActivationProbe}. */
public interface Probed {
    /** Sets the probe that sees every layer's output from now on; null switches probing off. */
    void setProbe(ActivationProbe probe);
}
