package org.medcab.his;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an HIS must check on every gateway's stream: each message has a gateway-unique, increasing
 * {@code seq} and an {@code id}. Reports, per gateway, missing seq ranges (gaps), messages seen
 * again (same id: a QoS 1 resend, to be dropped), late arrivals that fill a gap, and protocol
 * violations (one seq carried by two ids, or one id arriving with two seqs).
 */
final class SequenceTracker {
    /** Ids and seqs remembered per gateway for duplicate detection; the oldest are forgotten beyond this. */
    private static final int MEMORY = 200_000;

    private final Map<String, Gateway> gateways = new TreeMap<>();

    /**
     * One message as received.
     *
     * @param historical a retained message delivered because we subscribed: older than the live
     *                   stream, so it is checked for duplicates but does not move the gap window
     * @return the report lines this message causes (empty when all is in order)
     */
    List<String> observe(String gateway, long seq, String id, String schema, boolean historical) {
        return gateways.computeIfAbsent(gateway, Gateway::new).observe(seq, id, schema, historical);
    }

    boolean violations() {
        return gateways.values().stream().anyMatch(g -> g.violations > 0);
    }

    /** One line per gateway and a total line. */
    List<String> summary() {
        List<String> lines = new ArrayList<>();
        long messages = 0;
        long duplicates = 0;
        long violations = 0;
        long missing = 0;
        for (Gateway g : gateways.values()) {
            lines.add(g.summary());
            messages += g.messages;
            duplicates += g.duplicates;
            violations += g.violations;
            missing += g.missingCount();
        }
        lines.add("SUMMARY total: " + gateways.size() + " gateway(s), " + messages + " messages, " + duplicates
                + " duplicates, " + violations + " protocol violations, " + missing + " missing");
        return lines;
    }

    private static final class Gateway {
        private final String name;
        private final Map<String, Long> seqById = bounded();
        private final Map<Long, String> idBySeq = bounded();
        /** Missing ranges, first seq to last seq. */
        private final TreeMap<Long, Long> missing = new TreeMap<>();
        private long lowest = Long.MAX_VALUE;
        private long highest = -1;
        private long messages;
        private long duplicates;
        private long violations;
        private long late;

        Gateway(String name) {
            this.name = name;
        }

        List<String> observe(long seq, String id, String schema, boolean historical) {
            messages++;
            Long knownSeq = seqById.get(id);
            if (knownSeq != null) {
                if (knownSeq == seq) {
                    duplicates++;
                    return List.of("DUPLICATE " + name + ": seq " + seq + " id " + id + " seen before (a QoS 1 resend; drop it)");
                }
                violations++;
                return List.of("!!! PROTOCOL VIOLATION " + name + ": id " + id + " came with seq " + knownSeq
                        + " and now with seq " + seq);
            }
            String otherId = idBySeq.get(seq);
            if (otherId != null) {
                violations++;
                seqById.put(id, seq);
                return List.of("!!! PROTOCOL VIOLATION " + name + ": seq " + seq + " carried by two messages, id " + otherId
                        + " and id " + id);
            }
            seqById.put(id, seq);
            idBySeq.put(seq, id);
            lowest = Math.min(lowest, seq);
            if (historical) {
                return List.of();
            }
            List<String> report = new ArrayList<>();
            if (highest < 0) {
                highest = seq; // what came before we started watching is not ours to count
            } else if (seq > highest + 1) {
                long from = highest + 1;
                long to = seq - 1;
                missing.put(from, to);
                report.add("GAP " + name + ": seq " + range(from, to) + " missing (" + (to - from + 1)
                        + " messages) before seq " + seq + (schema.startsWith("medcab/birth/")
                        ? " (a birth: after a gateway restart up to 1000 numbers are skipped unused)" : ""));
                highest = seq;
            } else if (seq > highest) {
                highest = seq;
            } else if (fill(seq)) {
                late++;
                report.add("LATE " + name + ": seq " + seq + " arrived after seq " + highest
                        + " (a resend or the last will); still missing: " + missingText());
            }
            return report;
        }

        /** Takes seq out of the missing ranges; false if it was not missing. */
        private boolean fill(long seq) {
            Map.Entry<Long, Long> range = missing.floorEntry(seq);
            if (range == null || range.getValue() < seq) {
                return false;
            }
            missing.remove(range.getKey());
            if (range.getKey() < seq) {
                missing.put(range.getKey(), seq - 1);
            }
            if (range.getValue() > seq) {
                missing.put(seq + 1, range.getValue());
            }
            return true;
        }

        long missingCount() {
            return missing.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey() + 1).sum();
        }

        String missingText() {
            if (missing.isEmpty()) {
                return "none";
            }
            List<String> ranges = new ArrayList<>();
            missing.forEach((from, to) -> ranges.add(range(from, to)));
            return String.join(", ", ranges);
        }

        String summary() {
            return "SUMMARY " + name + ": " + messages + " messages, seq " + (highest < 0 ? "-" : range(lowest, highest))
                    + ", " + duplicates + " duplicates, " + violations + " protocol violations, " + late + " late, missing "
                    + missingCount() + ": " + missingText();
        }

        private static String range(long from, long to) {
            return from == to ? Long.toString(from) : from + ".." + to;
        }

        private static <K, V> Map<K, V> bounded() {
            return new LinkedHashMap<>(1024, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                    return size() > MEMORY;
                }
            };
        }
    }
}
