package org.medcab.lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the external programs the bench needs. */
public final class Executables {
    private Executables() {
    }

    /** The program on PATH, or in an sbin folder (Debian puts mosquitto there, which a user's PATH often lacks). */
    public static Optional<Path> find(String name) {
        List<String> places = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        places.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        return places.stream().filter(p -> !p.isEmpty()).map(p -> Path.of(p, name))
                .filter(Files::isExecutable).findFirst();
    }
}
