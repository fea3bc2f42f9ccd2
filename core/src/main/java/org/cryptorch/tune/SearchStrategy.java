package org.cryptorch.tune;

/** A way to pick an assignment within budget. Every assignment it returns must have been evaluated within budget. */
public interface SearchStrategy {
    /** Short name for reports and the CLI. */
    String name();

    Assignment search(SearchContext context);
}
