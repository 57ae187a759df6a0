package datastore.services;

import java.util.Objects;

/** Something besides the engine that must answer before the service is ready, e.g. CKAN in CKAN mode. */
public record ReadinessCheck(String name, Runnable probe) {
    public ReadinessCheck {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(probe, "probe is null");
    }
}
