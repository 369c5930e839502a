package org.medcab.updatetools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import com.google.gson.JsonObject;

/**
 * {@code bin/medcab-sign}: make a signing key, or sign a deployment package.
 *
 * <pre>
 * medcab-sign keygen --id KEYID [--dir DIR] [--ec]      writes DIR/KEYID.key and DIR/KEYID.pub, prints the trustedKeys entry
 * medcab-sign sign --key DIR/KEYID.key [--id KEYID] FILE.dp   writes FILE.dp.sig (JSON), prints it
 * </pre>
 */
public final class SignMain {
    private static final String USAGE = """
            usage: medcab-sign keygen --id KEYID [--dir DIR] [--ec]
                   medcab-sign sign --key KEYFILE [--id KEYID] PACKAGE.dp
              keygen  makes an Ed25519 key pair (ECDSA P-256 with --ec): DIR/KEYID.key (private, keep it offline)
                      and DIR/KEYID.pub; prints the line to add to the gateways' trustedKeys
              sign    signs the whole package file; writes PACKAGE.dp.sig, which medcab-update sends with it.
                      The key id defaults to the key file's name without .key""";

    private SignMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (Exception e) {
            System.err.println("medcab-sign: " + e.getMessage());
            System.exit(1);
        }
    }

    public static int run(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            return 2;
        }
        String id = null;
        Path dir = Path.of(".");
        Path key = null;
        Path dp = null;
        boolean ec = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--id" -> id = value(args, ++i);
                case "--dir" -> dir = Path.of(value(args, ++i));
                case "--key" -> key = Path.of(value(args, ++i));
                case "--ec" -> ec = true;
                default -> {
                    if (args[i].startsWith("-") || dp != null) {
                        throw new IllegalArgumentException("unexpected " + args[i] + "\n" + USAGE);
                    }
                    dp = Path.of(args[i]);
                }
            }
        }
        switch (args[0]) {
            case "keygen" -> {
                if (id == null || !id.matches("[A-Za-z0-9._:-]{1,64}")) {
                    throw new IllegalArgumentException("--id KEYID is needed: 1 to 64 of A-Z a-z 0-9 . _ : -");
                }
                KeyPair pair = PackageSigner.generate(ec);
                String entry = PackageSigner.writeKeyPair(pair, id, dir);
                System.out.println("private key: " + dir.resolve(id + ".key") + " (keep it offline; anyone with it can update cabinets)");
                System.out.println("add to config/org.medcab.updates.config on every gateway:");
                System.out.println("trustedKeys=[\"" + entry.replace("=", "\\=") + "\"]");
                return 0;
            }
            case "sign" -> {
                if (key == null || dp == null) {
                    throw new IllegalArgumentException("sign needs --key KEYFILE and a PACKAGE.dp\n" + USAGE);
                }
                if (id == null) {
                    id = key.getFileName().toString().replaceFirst("\\.key$", "");
                }
                JsonObject signed = PackageSigner.sign(dp, PackageSigner.readPrivateKey(key), id);
                Path sig = dp.resolveSibling(dp.getFileName() + ".sig");
                Files.writeString(sig, PackageSigner.pretty(signed) + "\n");
                System.out.println(PackageSigner.pretty(signed));
                System.out.println("written to " + sig);
                return 0;
            }
            default -> {
                System.err.println(USAGE);
                return 2;
            }
        }
    }

    static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
