package org.orgcert.key.local;

/**
 * A sentence at the top of the assistant's page after the employer did something.
 *
 * @param ok   whether it went well (green) or not (red)
 * @param text the sentence, in plain Chinese
 */
record Notice(boolean ok, String text) {
    static Notice done(String text) {
        return new Notice(true, text);
    }

    static Notice failed(String text) {
        return new Notice(false, text);
    }
}
