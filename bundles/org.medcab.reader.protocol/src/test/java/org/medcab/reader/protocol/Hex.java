package org.medcab.reader.protocol;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class Hex {
    private Hex() {
    }

    static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** The one frame these wire bytes hold, through the real decoder, so every example also tests the decoder. */
    static Frame frame(String spaced) {
        FrameDecoder decoder = new FrameDecoder();
        List<Frame> frames = decoder.feed(bytes(spaced));
        assertEquals(1, frames.size(), "one frame in " + spaced);
        assertEquals(0, decoder.pending());
        return frames.get(0);
    }
}
