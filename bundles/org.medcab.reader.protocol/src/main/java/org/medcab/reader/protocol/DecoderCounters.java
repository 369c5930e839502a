package org.medcab.reader.protocol;

/**
 * What a {@link FrameDecoder} has met so far.
 *
 * @param frames          valid frames decoded
 * @param discardedBytes  bytes thrown away while searching for a valid frame start
 * @param checksumErrors  candidate frames whose checksum did not hold
 * @param badLengths      candidate frames whose Len was impossible
 * @param truncatedFrames frames cut short by the line going idle
 */
public record DecoderCounters(long frames, long discardedBytes, long checksumErrors, long badLengths, long truncatedFrames) {
}
