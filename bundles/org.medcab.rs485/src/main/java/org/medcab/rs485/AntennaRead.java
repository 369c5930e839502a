package org.medcab.rs485;

import java.time.Duration;
import java.util.List;

import org.medcab.api.TagObservation;

/**
 * The result of one inventory command on one antenna.
 *
 * @param readerId     the reader
 * @param antenna      the antenna port it ran on
 * @param observations one per tag record received, in arrival order (a tag read in several rounds appears several times)
 * @param totalReads   tag reads the reader counted in its summary
 * @param duration     from sending the request to receiving the summary
 */
public record AntennaRead(String readerId, int antenna, List<TagObservation> observations, long totalReads, Duration duration) {
    public AntennaRead {
        observations = List.copyOf(observations);
    }
}
