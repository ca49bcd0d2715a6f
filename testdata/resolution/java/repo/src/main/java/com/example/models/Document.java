package com.example.models;

/** Anything printable with a title. */
public class Document {
    protected final String title;

    public Document(String title) {
        this.title = title;
    }

    public String render() {
        return "# " + title;
    }
}
