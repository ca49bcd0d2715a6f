using System;
using System.Collections.Generic;

namespace Shop.Notify
{
    /// <summary>Outgoing email through the SMTP relay, with a bounce log.</summary>
    public static class Email
    {
        public static readonly List<string> Bounced = new List<string>();

        public static bool SendEmail(string customerId, string subject, string body)
        {
            string address = customerId + "@customers.example.com";
            if (address.Length > 254 || subject.Length == 0 || body.Length == 0)
            {
                Bounced.Add(customerId);
                return false;
            }
            return true;
        }

        /// <summary>Resends the overdue reminder email of every customer whose last email bounced.</summary>
        public static void ResendBounced(Action<string, bool> send)
        {
            var bounced = new List<string>(Bounced);
            Bounced.Clear();
            foreach (var customerId in bounced)
            {
                send(customerId, true);
            }
        }
    }
}
