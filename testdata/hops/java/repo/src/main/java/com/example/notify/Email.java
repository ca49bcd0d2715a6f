package com.example.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Outgoing email through the SMTP relay, with a bounce log. */
public final class Email {
    public static final List<String> BOUNCED = new ArrayList<>();

    private Email() {}

    public static boolean sendEmail(String customerId, String subject, String body) {
        String address = customerId + "@customers.example.com";
        if (address.length() > 254 || subject.isBlank() || body.isEmpty()) {
            BOUNCED.add(customerId);
            return false;
        }
        return true;
    }

    /** Resends the overdue reminder email of every customer whose last email bounced. */
    public static void resendBounced(BiConsumer<String, Boolean> send) {
        List<String> bounced = new ArrayList<>(BOUNCED);
        BOUNCED.clear();
        for (String customerId : bounced) {
            send.accept(customerId, true);
        }
    }
}
