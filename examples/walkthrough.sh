#!/usr/bin/env bash
# Takes the demo's window application through every step of the guide, each by the role that does it.
# Start the service first with `./orgcert serve --demo` (same ORGCERT_DATA_DIR and SERVER_PORT).
set -euo pipefail
D=${ORGCERT_DATA_DIR:-data}
B=http://localhost:${SERVER_PORT:-8080}/api/v1
pw() { grep "^$1 " "$D/demo-logins.txt" | sed 's/.*: //'; }
as() { local user=$1; shift; curl -sf -u "$user:$(pw "$user")" -H 'Content-Type: application/json' "$@"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); d=d.get('application', d); print(d['$1'])"; }

ID=$(as clerk-wuhua "$B/applications?state=SUBMITTED&windowId=wuhua" | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['id'])")
echo "application $ID (window 五华区, pick-up at the window)"
as clerk-wuhua -d "{\"windowId\":\"wuhua\",\"applicationIds\":[\"$ID\"]}" "$B/applications/batches" >/dev/null
echo "window clerk forwarded it in a batch (R-CH-4)"
echo "CA clerk:      $(as ca-clerk -X POST "$B/applications/$ID/events/RECEIVE" | field state)"
echo "reviewer:      $(as reviewer -X POST "$B/applications/$ID/events/START_REVIEW" | field state)"
for item in BUSINESS_LICENCE_COPY AGENT_ID_COPY APPLICATION_FORM; do
  as reviewer -X POST "$B/applications/$ID/materials/$item" >/dev/null
done
echo "reviewer:      materials ticked (R-MAT-1..3), insurance check $(as reviewer -X POST "$B/applications/$ID/review/check" | field outcome) (R-REV)"
echo "reviewer:      $(as reviewer -X POST "$B/applications/$ID/events/APPROVE" | field state)"
echo "operator:      $(as operator -X POST "$B/applications/$ID/produce" | field state) (key pair on the USB key, certificate signed, R-CERT-2)"
echo "window clerk:  $(as clerk-wuhua -X POST "$B/applications/$ID/events/ARRIVE_AT_WINDOW" | field state)"
echo "window clerk:  $(as clerk-wuhua -X POST "$B/applications/$ID/events/COLLECT" | field state)"
echo "auditor:       $(as auditor "$B/audit/verify")"
