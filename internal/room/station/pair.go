package station

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/nats-io/nats.go"

	"pasapas/internal/room"
)

// pair answers a kiosk's pairing request (see package room). The subject
// pair.<nkey> can only be published by the holder of that nkey, which the
// request must name.
func (st *Station) pair(m *nats.Msg) {
	pub := strings.TrimPrefix(m.Subject, "pair.")
	var req room.PairRequest
	refuse := func(reason string) {
		st.log.Info("room: pairing refused", "nkey", pub, "reason", reason)
		st.reply(m, room.PairReply{Refused: reason})
	}
	if err := json.Unmarshal(m.Data, &req); err != nil || req.NKey != pub || len(req.Nonce) != 32 || len(req.MAC) != 64 {
		refuse("malformed pairing request")
		return
	}
	if !room.ValidKioskName(req.Name) {
		refuse("the kiosk's name must have 1 to 40 characters, without |")
		return
	}
	if _, ok := st.reg.byNKey(pub); ok {
		refuse("this kiosk is already paired")
		return
	}
	if st.reg.nameTaken(req.Name) {
		refuse(room.ErrNameTaken.Error())
		return
	}
	var key []byte
	err := st.codes.Try(func(code string) bool {
		k, err := room.PairKey(code, st.fp)
		if err != nil {
			st.log.Error("room: pairing key", "err", err)
			return false
		}
		key = k
		return room.EqualMAC(room.KioskMAC(k, pub, req.Name, req.Nonce), req.MAC)
	})
	if err != nil {
		refuse(err.Error())
		return
	}
	id, err := room.NewKioskID()
	if err != nil {
		refuse("the station could not make an identity: try again")
		return
	}
	k := Kiosk{ID: id, Name: req.Name, NKey: pub, Paired: st.opts.Now().UTC()}
	if err := st.reg.add(k); err != nil {
		st.log.Error("room: save paired kiosk", "err", err)
		refuse("the station could not save the kiosk: " + err.Error())
		return
	}
	st.log.Info("room: kiosk paired", "kiosk", id, "name", req.Name)
	st.nameKiosks(context.Background(), k)
	st.reply(m, room.PairReply{ID: id, Name: req.Name, MAC: room.StationMAC(key, pub, id, req.Nonce)})
}

func (st *Station) reply(m *nats.Msg, v any) {
	b, err := json.Marshal(v)
	if err == nil {
		err = m.Respond(b)
	}
	if err != nil {
		st.log.Warn("room: reply", "subject", m.Subject, "err", err)
	}
}
