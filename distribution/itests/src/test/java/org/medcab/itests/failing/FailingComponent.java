package org.medcab.itests.failing;

/**
 * A Declarative Services component whose activation always fails: UpdatesInFrameworkIT packs its class
 * file into a generated bundle to show that an update whose component does not activate is rolled back.
 */
public class FailingComponent {
    public FailingComponent() {
        throw new IllegalStateException("this component never activates (test of update rollback)");
    }
}
