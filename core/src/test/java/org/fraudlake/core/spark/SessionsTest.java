package org.fraudlake.core.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SessionsTest {

    @Test
    void sparkSubmitsMasterWinsOverTheConfiguredOne() {
        assertEquals("spark://10.0.0.5:7077", Sessions.effectiveMaster("local[2]", "spark://10.0.0.5:7077"));
        assertEquals("local[4]", Sessions.effectiveMaster("spark://10.0.0.5:7077", "local[4]"));
    }

    @Test
    void withoutSparkSubmitTheConfiguredMasterIsUsed() {
        assertEquals("local[2]", Sessions.effectiveMaster("local[2]", null));
        assertEquals("spark://h:7077", Sessions.effectiveMaster("spark://h:7077", " "));
    }
}
