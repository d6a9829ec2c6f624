-- Ready for the field. Why a printer cannot print, as staff are told it (JSON {reason, detail}; NULL while it
-- can or nothing is known), so that a kiosk's printer is never shown "offline" without a reason, even after a
-- restart. The address printed in tickets' QR codes when the admin sets it by hand (NULL: the server's own
-- LAN address, followed as the network changes), and the Wi-Fi name printed on tickets (NULL: none).
ALTER TABLE devices ADD COLUMN printer_problem TEXT;
ALTER TABLE centre ADD COLUMN public_url TEXT;
ALTER TABLE centre ADD COLUMN wifi_name TEXT;
