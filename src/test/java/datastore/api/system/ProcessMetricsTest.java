package datastore.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import org.junit.jupiter.api.Test;

/** {@code /metrics} carries the JVM's and the process's own figures beside the request metrics. */
class ProcessMetricsTest {
    @Test
    void metricsIncludeJvmMemoryGcThreadsClassesAndUptime() {
        try (TestServer s = TestServer.open()) {
            String body = s.get("/metrics").body();
            assertThat(body)
                    .contains("jvm_memory_used_bytes{")
                    .contains("jvm_gc_")
                    .contains("jvm_threads_live_threads")
                    .contains("jvm_classes_loaded_classes")
                    .contains("process_uptime_seconds")
                    .contains("system_cpu_count");
        }
    }
}
