package org.fraudlake.orchestration;

/** A stage of the standard night: its spec and what it is built with; a subclass adds its skip rule and work. */
abstract class BoundStage implements Stage {
    private final StageGraph.Spec spec;
    final StageContext context;

    BoundStage(StageGraph.Spec spec, StageContext context) {
        this.spec = spec;
        this.context = context;
    }

    @Override
    public final StageGraph.Spec spec() {
        return spec;
    }

    /** The jobs, bound to the settings. */
    final Night night() {
        return context.night();
    }
}
