package org.medcab.catalog.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "medcab catalog",
        description = "Where the drug catalog and the registered items are stored.")
public @interface CatalogConfig {
    @AttributeDefinition(name = "Database file",
            description = "Path of the H2 database without its .mv.db ending. Empty: 'catalog' in the bundle's"
                    + " data area (under the framework's storage folder).")
    String database() default "";
}
