package org.medcab.leds.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.medcab.leds.LightColour;
import org.medcab.leds.LightScene;

/**
 * Which output (a coil address, a GPIO line) lights which zone in which colour, parsed from entries
 * such as {@code A1:red=0}: zone, colour ({@code red}, {@code yellow}, {@code green}), output number.
 * A zone may leave out colours its lamp does not have.
 */
final class OutputMap {
    private static final Pattern ENTRY = Pattern.compile("\\s*([^:=\\s]+)\\s*:\\s*([A-Za-z]+)\\s*=\\s*([0-9]+)\\s*");

    /** One output: it is on while {@code zone}'s lamp shows {@code colour}. */
    record Output(String zone, LightColour colour, int number) {
    }

    private final List<Output> outputs;

    private OutputMap(List<Output> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    /**
     * Parses the entries.
     *
     * @param what the outputs' name in messages, e.g. "coil"
     * @param max  the highest output number allowed
     * @throws IllegalArgumentException naming the first bad entry: syntax, colour, number out of
     *                                  range, a zone colour or an output given twice, or no entry at all
     */
    static OutputMap parse(String what, String[] entries, int max) {
        if (entries == null || entries.length == 0) {
            throw new IllegalArgumentException("no " + what + " mapping: expected entries like \"A1:red=0\"");
        }
        List<Output> outputs = new ArrayList<>();
        Map<String, String> zoneColours = new HashMap<>();
        Map<Integer, String> numbers = new HashMap<>();
        for (String entry : entries) {
            Matcher m = ENTRY.matcher(entry == null ? "" : entry);
            if (!m.matches()) {
                throw new IllegalArgumentException(what + " entry \"" + entry + "\": expected zone:colour=" + what
                        + ", e.g. \"A1:red=0\"");
            }
            String zone = m.group(1);
            LightColour colour = colour(what, entry, m.group(2));
            int number;
            try {
                number = Integer.parseInt(m.group(3));
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 0 || number > max) {
                throw new IllegalArgumentException(what + " entry \"" + entry + "\": " + what + " must be 0.." + max);
            }
            String earlier = zoneColours.put(zone + ":" + colour, entry);
            if (earlier != null) {
                throw new IllegalArgumentException(what + " entry \"" + entry + "\": zone " + zone + " "
                        + colour.name().toLowerCase(Locale.ROOT) + " already mapped by \"" + earlier + "\"");
            }
            earlier = numbers.put(number, entry);
            if (earlier != null) {
                throw new IllegalArgumentException(what + " entry \"" + entry + "\": " + what + " " + number
                        + " already used by \"" + earlier + "\"");
            }
            outputs.add(new Output(zone, colour, number));
        }
        outputs.sort(Comparator.comparingInt(Output::number));
        return new OutputMap(outputs);
    }

    private static LightColour colour(String what, String entry, String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "red" -> LightColour.RED;
            case "yellow" -> LightColour.YELLOW;
            case "green" -> LightColour.GREEN;
            default -> throw new IllegalArgumentException(what + " entry \"" + entry + "\": colour must be red, yellow or green, not \"" + name + "\"");
        };
    }

    /** The outputs, by number. */
    List<Output> outputs() {
        return outputs;
    }

    /** Whether each output (in {@link #outputs()} order) is on in the scene's current blink phase. */
    boolean[] states(LightScene scene) {
        boolean[] on = new boolean[outputs.size()];
        for (int i = 0; i < on.length; i++) {
            Output output = outputs.get(i);
            on[i] = scene.litColour(output.zone()) == output.colour();
        }
        return on;
    }
}
