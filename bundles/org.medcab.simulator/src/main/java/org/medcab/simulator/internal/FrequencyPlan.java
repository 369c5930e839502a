package org.medcab.simulator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.medcab.reader.protocol.FrequencyRegion;
import org.medcab.reader.protocol.Region;

/**
 * A reader's channel plan (0x78/0x79) and the channel each round runs on. A plan with several
 * channels hops to a random one per round, as a regulated reader must; the round overhead of 8.3
 * already covers the hop.
 */
final class FrequencyPlan {
    /** The channel a round ran on: the index FreqAnt reports and the carrier in Hz. */
    record Channel(int index, double hertz) {
    }

    private final FrequencyRegion region;
    private final List<Channel> channels;

    FrequencyPlan(FrequencyRegion region) {
        this.region = region;
        this.channels = channelsOf(region);
    }

    FrequencyRegion region() {
        return region;
    }

    /** First and last channel index a fixed region may use (spec section 2; CHN's end index is inferred). */
    static int[] indexRange(Region region) {
        return switch (region) {
            case ETSI -> new int[] {0, 6};
            case FCC -> new int[] {7, 59};
            case CHN -> new int[] {43, 53};
        };
    }

    /** Whether a 0x78 request asks for channels the region has. */
    static boolean isValid(FrequencyRegion region) {
        if (region instanceof FrequencyRegion.Band b) {
            int[] range = indexRange(b.region());
            return b.startIndex() >= range[0] && b.endIndex() <= range[1];
        }
        return true;
    }

    Channel hop(RandomGenerator random) {
        return channels.size() == 1 ? channels.get(0) : channels.get(random.nextInt(channels.size()));
    }

    private static List<Channel> channelsOf(FrequencyRegion region) {
        List<Channel> out = new ArrayList<>();
        if (region instanceof FrequencyRegion.Band b) {
            for (int i = b.startIndex(); i <= b.endIndex(); i++) {
                out.add(new Channel(i, FrequencyRegion.channelKhz(i) * 1000.0));
            }
        } else if (region instanceof FrequencyRegion.UserDefined u) {
            for (int i = 0; i < u.channels(); i++) {
                int khz = u.startKhz() + i * u.spacingKhz();
                out.add(new Channel(indexOf(khz), khz * 1000.0));
            }
        }
        return out;
    }

    /** The fixed-plan index of a user-defined channel when it coincides with one, else 0: FreqAnt has no other way to say it. */
    private static int indexOf(int khz) {
        for (int i = 0; i <= FrequencyRegion.MAX_INDEX; i++) {
            if (FrequencyRegion.channelKhz(i) == khz) {
                return i;
            }
        }
        return 0;
    }
}
