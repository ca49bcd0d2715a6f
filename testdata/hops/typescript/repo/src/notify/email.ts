// Outgoing email through the SMTP relay, with a bounce log.

export const bounced: string[] = [];

export function sendEmail(customerId: string, subject: string, body: string): boolean {
  const address = `${customerId}@customers.example.com`;
  if (address.length > 254 || subject.trim() === "" || body === "") {
    bounced.push(customerId);
    return false;
  }
  return true;
}

/** Resends the overdue reminder email of every customer whose last email bounced. */
export function resendBounced(send: (customerId: string, resend: boolean) => void): void {
  for (const customerId of bounced.splice(0)) {
    send(customerId, true);
  }
}
