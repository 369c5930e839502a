package org.medcab.updates.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.medcab.updates}: whom the cabinet trusts to update it, and the limits of an update. */
@ObjectClassDefinition(id = UpdatesComponent.PID, name = "medcab updates",
        description = "Remote updates of deployment packages: trusted signing keys, where packages may be"
                + " downloaded from, size and health-check limits.")
@interface UpdatesConfig {
    @AttributeDefinition(name = "Trusted keys", description = "Public keys whose signatures are accepted, each"
            + " 'keyId=BASE64' where BASE64 is the X.509 SubjectPublicKeyInfo of an Ed25519 or ECDSA P-256 key"
            + " (what 'medcab-sign keygen' prints). No key: every remote update is refused.")
    String[] trustedKeys() default {};

    @AttributeDefinition(name = "Allowed URL prefixes", description = "A package URL must start with one of"
            + " these (http:// or https://). No prefix: packages arrive only in chunks over MQTT.")
    String[] allowedUrlPrefixes() default {};

    @AttributeDefinition(name = "Largest package (bytes)", description = "Downloads and chunked transfers"
            + " larger than this are refused.", min = "1024")
    long maxPackageBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Health timeout (s)", description = "How long an installed package has to get"
            + " every component active and its health probes green before it is rolled back.", min = "1")
    int healthTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Download timeout (s)", description = "Connect and read timeout of a package"
            + " download.", min = "1")
    int downloadTimeoutSeconds() default 60;
}
