-- dvcbot's database as the release b3ba9e5 made it (make.py)
BEGIN TRANSACTION;
CREATE TABLE channel_counts (
	channel VARCHAR(16) NOT NULL, 
	name VARCHAR(32) NOT NULL, 
	day VARCHAR(10) NOT NULL, 
	count INTEGER NOT NULL, 
	PRIMARY KEY (channel, name, day)
);
INSERT INTO "channel_counts" VALUES('telegram','possible_repeat','2026-12-01',1);
CREATE TABLE channel_outbox (
	id INTEGER NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	recipient_id VARCHAR(128) NOT NULL, 
	message_json TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	error_code INTEGER, 
	reason VARCHAR(200), 
	attempts INTEGER NOT NULL, 
	created_at FLOAT NOT NULL, 
	next_attempt_at FLOAT, 
	delivered_at FLOAT, 
	PRIMARY KEY (id)
);
INSERT INTO "channel_outbox" VALUES(1,'zalo','zalo:800002','{"text": "Hồ sơ của anh đã có kết quả."}','pending',-230,'outside the 7-day window',1,1.79613850711971664428e+09,NULL,NULL);
INSERT INTO "channel_outbox" VALUES(2,'telegram','tg:700001','{"text": "Cảm ơn anh đã chờ."}','pending',429,'flood control',1,1.79613850712767124176e+09,1795000300.0,NULL);
CREATE TABLE channel_secrets (
	name VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (name)
);
INSERT INTO "channel_secrets" VALUES('webchat_session_key','-Il48-gMV1aT_mDtdAkiv8n4wWu1nqb3ODqr8ajedc4',1.79613850715163683889e+09);
CREATE TABLE dossier_guess_failures (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	code_key VARCHAR(32) NOT NULL, 
	conversation_key VARCHAR(32) NOT NULL, 
	client_key VARCHAR(32), 
	reason VARCHAR(16) NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "dossier_guess_failures" VALUES(1,'2026-11-30 09:15:00.000000','8ec763f6e27e9381c46a78cb371f6b76','71517473e79578393879d154670288e8','26982b1905b72aa66c2eb05a238685cb','mismatch');
INSERT INTO "dossier_guess_failures" VALUES(2,'2026-11-30 09:15:00.000000','8ec763f6e27e9381c46a78cb371f6b76','e28df082e300ce72fb24012e1fcadad0','ee7bbe20d9761adadab2b43886d53a5b','not_found');
CREATE TABLE dossier_notifications (
	id INTEGER NOT NULL, 
	subscription_id INTEGER NOT NULL, 
	sender_id VARCHAR(255) NOT NULL, 
	channel VARCHAR(64) NOT NULL, 
	code VARCHAR(64) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	status_text VARCHAR(255), 
	status_key VARCHAR(32), 
	procedure VARCHAR(500), 
	appointment_date VARCHAR(10), 
	final BOOLEAN NOT NULL, 
	state VARCHAR(16) NOT NULL, 
	attempts INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_attempt_at DATETIME, 
	sent_at DATETIME, 
	rendered_at DATETIME, 
	last_error VARCHAR(200), 
	PRIMARY KEY (id), 
	FOREIGN KEY(subscription_id) REFERENCES dossier_subscriptions (id)
);
INSERT INTO "dossier_notifications" VALUES(1,1,'tg:700001','telegram','000.00.31.H12-261120-0007','changed','Đang xử lý','processing','Đăng ký khai sinh','2026-12-04',0,'pending',0,'2026-11-30 10:15:00.000000',NULL,NULL,NULL,NULL);
CREATE TABLE dossier_subscriptions (
	id INTEGER NOT NULL, 
	sender_id VARCHAR(255) NOT NULL, 
	channel VARCHAR(64) NOT NULL, 
	code VARCHAR(64) NOT NULL, 
	active BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	ended_at DATETIME, 
	end_reason VARCHAR(32), 
	last_status VARCHAR(255), 
	last_status_text VARCHAR(255), 
	last_checked_at DATETIME, 
	version INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_dossier_subscription UNIQUE (sender_id, channel, code)
);
INSERT INTO "dossier_subscriptions" VALUES(1,'tg:700001','telegram','000.00.31.H12-261120-0007',1,'2026-11-30 09:15:00.000000','2026-12-30 09:15:00.000000',NULL,NULL,'processing','Đang xử lý','2026-11-30 10:15:00.000000',1);
INSERT INTO "dossier_subscriptions" VALUES(2,'zalo:800002','zalo','000.00.31.H12-261118-0031',1,'2026-11-30 09:15:00.000000','2026-12-30 09:15:00.000000',NULL,NULL,NULL,NULL,'2026-11-30 09:15:00.000000',0);
CREATE TABLE entry_point_counts (
	id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	source VARCHAR(64) NOT NULL, 
	commune VARCHAR(64) NOT NULL, 
	team VARCHAR(64) NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	count INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_entry_point_counts UNIQUE (day, source, commune, team, channel)
);
INSERT INTO "entry_point_counts" VALUES(1,'2026-11-30','leaflet-2026','thanh_phong','','zalo',1);
INSERT INTO "entry_point_counts" VALUES(2,'2026-11-30','poster-ubnd','an_qui','to_1','webchat',1);
CREATE TABLE handoff_assisted_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	telegram_id BIGINT NOT NULL, 
	commune VARCHAR(64), 
	action VARCHAR(32) NOT NULL, 
	target VARCHAR(128), 
	reason TEXT, 
	outcome VARCHAR(32), 
	PRIMARY KEY (id)
);
INSERT INTO "handoff_assisted_log" VALUES(1,'2026-11-30 09:35:00.000000',5550001,'an_qui','dossier_lookup','000.00.**.H**-****-0042','người dân nhờ xem hồ sơ','found');
CREATE TABLE handoff_thread (
	chat_id BIGINT NOT NULL, 
	message_id INTEGER NOT NULL, 
	ticket_id INTEGER NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	PRIMARY KEY (chat_id, message_id)
);
INSERT INTO "handoff_thread" VALUES(-1001234567,41,2,'announcement');
INSERT INTO "handoff_thread" VALUES(-1001234567,43,2,'relay');
CREATE TABLE handoff_tickets (
	id INTEGER NOT NULL, 
	commune VARCHAR(64), 
	procedure VARCHAR(64), 
	channel VARCHAR(16) NOT NULL, 
	sender_id VARCHAR(128) NOT NULL, 
	messages_json TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	claimed_by BIGINT, 
	claimed_by_name VARCHAR(128), 
	relay_chat_id BIGINT, 
	relay_message_id INTEGER, 
	created_at DATETIME NOT NULL, 
	claimed_at DATETIME, 
	closed_at DATETIME, 
	closed_reason VARCHAR(16), 
	last_activity_at DATETIME NOT NULL, 
	announcements INTEGER NOT NULL, 
	last_announced_at DATETIME, 
	escalated_at DATETIME, 
	rating_requested INTEGER NOT NULL, 
	rating INTEGER, 
	rated_at DATETIME, 
	PRIMARY KEY (id)
);
INSERT INTO "handoff_tickets" VALUES(1,'thanh_phong','khai_sinh','telegram','tg:700001','[{"who": "citizen", "text": "Tôi cần hỏi làm giấy khai sinh"}, {"who": "citizen", "text": "số tôi **** *** *11"}]','open',NULL,NULL,NULL,NULL,'2026-11-30 09:15:00.000000',NULL,NULL,NULL,'2026-11-30 09:15:00.000000',0,NULL,NULL,0,NULL,NULL);
INSERT INTO "handoff_tickets" VALUES(2,'an_qui',NULL,'zalo','zalo:800002','[{"who": "citizen", "text": "hồ sơ đất của tôi tới đâu rồi"}, {"who": "volunteer", "text": "Chào anh, em đang xem giúp."}]','claimed',5550001,'Chị Lan (tổ tình nguyện)',-1001234567,42,'2026-11-30 09:20:00.000000','2026-11-30 09:20:00.000000',NULL,NULL,'2026-11-30 09:20:00.000000',0,NULL,NULL,0,NULL,NULL);
INSERT INTO "handoff_tickets" VALUES(3,'thanh_phong','chung_thuc','webchat','web:3f9a0c','[{"who": "citizen", "text": "chứng thực bản sao"}]','closed',5550002,'Anh Minh',-1001234567,50,'2026-11-30 09:35:00.000000','2026-11-30 09:35:00.000000','2026-11-30 09:35:00.000000','volunteer','2026-11-30 09:35:00.000000',0,NULL,NULL,0,5,'2026-11-30 09:35:00.000000');
CREATE TABLE handoff_webchat_outbox (
	id INTEGER NOT NULL, 
	sender_id VARCHAR(128) NOT NULL, 
	text TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "handoff_webchat_outbox" VALUES(1,'web:3f9a0c','Anh mang bản chính và bản sao đến bộ phận một cửa nhé.','2026-11-30 09:35:00.000000');
CREATE TABLE kb_agency (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	level TEXT, 
	name TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_agency" VALUES('unverified',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/bhyt_tre_em.yml',46,'agency',NULL,NULL,NULL,1,'Cấp xã','Nộp qua thủ tục liên thông, bắt đầu từ việc đăng ký khai sinh',1,1);
INSERT INTO "kb_agency" VALUES('known','Luật Hộ tịch 2014 giao việc thay đổi, cải chính cho người từ đủ 14 tuổi cho UBND cấp huyện (Điều 46); cấp huyện không còn từ 01/07/2025 và bản ghi quốc gia 2026 ghi UBND cấp xã giải quyết.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cai_chinh_ho_tich.yml',92,'agency','Công chức tư pháp - hộ tịch in Trích lục thay đổi/cải chính/bổ sung thông tin hộ tịch/xác định lại dân tộc tương ứng, trình Lãnh đạo Ủy ban nhân dân cấp xã ký','national-catalog-2026-07 details/1.004859.json',NULL,2,'Cấp xã','Ủy ban nhân dân xã (công chức tư pháp - hộ tịch giải quyết, lãnh đạo UBND xã ký Trích lục)',2,5);
INSERT INTO "kb_agency" VALUES('known','Danh mục quốc gia (07/2026) có các thủ tục cấp xã 1.014061-1.014064 (Công an cấp xã); trang Bộ Công an của thủ tục 2.000200 ghi nơi làm cấp tỉnh là Phòng Cảnh sát quản lý hành chính về trật tự xã hội. Các mã này bị gộp lại theo Quyết định 5230/QĐ-BCA (nguồn phụ); hỏi Công an xã nơi cư trú trước khi đi.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/can_cuoc.yml',55,'agency','Cấp đổi thẻ căn cước … Công an cấp Xã','VoidKeishi/OpenGOV backend/data/crawl/catalog.jsonl',NULL,3,'Cơ quan Công an','Công an xã (thủ tục cấp, cấp đổi, cấp lại thẻ căn cước cấp xã) hoặc Công an tỉnh (Phòng Cảnh sát quản lý hành chính về trật tự xã hội)',3,14);
INSERT INTO "kb_agency" VALUES('known','Danh mục chỉ ghi cơ quan thực hiện; địa điểm tiếp nhận cụ thể gần Thạnh Phú chưa có nguồn.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cap_lai_the_bhyt.yml',57,'agency','Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT','national-catalog-2026-07 catalog.jsonl (code 1.002759, departments "Bảo hiểm xã hội tỉnh")',NULL,4,'Cấp tỉnh','Bảo hiểm xã hội tỉnh (cơ quan bảo hiểm xã hội nơi cấp thẻ)',4,27);
INSERT INTO "kb_agency" VALUES('known','Khoản 2 Điều 5 là thẩm quyền của Ủy ban nhân dân cấp xã.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_ban_sao.yml',33,'agency','a) Chứng thực bản sao từ bản chính các giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận;','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/cap-ban-sao-tu-so-goc-chung-thuc-ban-sao-tu-ban-chinh-chung-thuc-chu-ky.md',NULL,5,'Cấp xã','Ủy ban nhân dân xã, cho cả giấy tờ do cơ quan Việt Nam và cơ quan nước ngoài cấp (tổ chức hành nghề công chứng cũng chứng thực được)',5,33);
INSERT INTO "kb_agency" VALUES('unverified','Thẩm quyền theo Nghị định 23/2015; sau khi bỏ cấp huyện (01/07/2025) chưa xác minh có thay đổi.',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_chu_ky.yml',31,'agency',NULL,NULL,NULL,6,'Cấp xã','Ủy ban nhân dân xã',6,37);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',62,'agency','Công chức tư pháp - hộ tịch in Giấy khai sinh, trình Lãnh đạo Ủy ban nhân dân cấp xã ký, chuyển tới Trung tâm Phục vụ hành chính công để trả kết quả cho người yêu cầu.','national-catalog-2026-07 details/1.004884.json',NULL,7,'Cấp xã','Ủy ban nhân dân xã (công chức tư pháp - hộ tịch giải quyết, lãnh đạo UBND xã ký Giấy khai sinh)',7,41);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/dat_dai_lan_dau.yml',46,'agency',NULL,NULL,NULL,8,'Cấp xã','Chủ tịch UBND xã ký Giấy chứng nhận cho hộ gia đình, cá nhân',8,44);
INSERT INTO "kb_agency" VALUES('unverified','Nơi nhận hồ sơ cụ thể cho Thạnh Phú chưa có nguồn; hỏi Công an xã.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/doi_gplx.yml',47,'agency','Công an cấp Xã','national-catalog-2026-07 catalog.jsonl (codes 3.000347, 3.000348, departments)',NULL,9,NULL,'Cơ quan Công an (danh mục quốc gia ghi Công an cấp xã và các cơ quan khác không ghi tên)',9,48);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/gia_han_tam_tru.yml',63,'agency','Bước 2: Cá nhân, tổ chức nộp hồ sơ đến Công an cấp xã.','national-catalog-2026-07 details/1.002755.json',NULL,10,'Cấp xã','Công an xã nơi đang tạm trú',10,52);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/giam_ho.yml',43,'agency','Ủy ban nhân dân cấp xã nơi cư trú của người được giám hộ hoặc người giám hộ thực hiện đăng ký giám hộ.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,11,'Cấp xã','Ủy ban nhân dân xã nơi cư trú của người được giám hộ hoặc người giám hộ',11,58);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25','2025-07-01','2026-06-30',0,'knowledge/data/procedures/giay_phep_xay_dung.yml',48,'agency[0]',NULL,NULL,NULL,12,'Cấp xã','Ủy ban nhân dân xã',12,64);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,1,'knowledge/data/procedures/giay_phep_xay_dung.yml',53,'agency[1]','Ủy ban nhân dân cấp xã cấp giấy phép xây dựng cho công trình cấp III, cấp IV, công trình nhà ở riêng lẻ của hộ gia đình, cá nhân trên địa bàn do mình quản lý (trừ các công trình quy định tại khoản 2 Điều này).','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md',NULL,13,'Cấp xã','Ủy ban nhân dân xã nơi xây dựng',12,65);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_chieu.yml',44,'agency',NULL,NULL,NULL,14,'Cấp tỉnh','Phòng Quản lý xuất nhập cảnh Công an tỉnh (hoặc Cục Quản lý xuất nhập cảnh)',13,76);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_kinh_doanh.yml',33,'agency',NULL,NULL,NULL,15,'Cấp xã','Cơ quan đăng ký kinh doanh cấp xã',14,90);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_ngheo.yml',50,'agency','Ủy ban nhân dân cấp xã','national-catalog-2026-07 catalog.jsonl (codes 1.011607, 1.011606, departments)',NULL,16,'Cấp xã','Ủy ban nhân dân xã nơi hộ gia đình cư trú',15,91);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_tro_mai_tang.yml',58,'agency','Ủy ban nhân dân cấp xã','national-catalog-2026-07 catalog.jsonl (code 1.001731, departments)',NULL,17,'Cấp xã','Ủy ban nhân dân xã',16,93);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ket_hon.yml',44,'agency',NULL,NULL,NULL,18,'Cấp xã','Ủy ban nhân dân xã nơi cư trú của bên nam hoặc bên nữ',17,101);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_sinh.yml',45,'agency',NULL,NULL,NULL,19,'Cấp xã','Ủy ban nhân dân xã nơi cư trú của cha hoặc mẹ',18,111);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',57,'agency','Công chức tư pháp - hộ tịch in Giấy khai sinh, trình Lãnh đạo Ủy ban nhân dân cấp xã ký, chuyển tới Trung tâm Phục vụ hành chính công để trả kết quả cho người yêu cầu.','national-catalog-2026-07 details/1.004772.json',NULL,20,'Cấp xã','Ủy ban nhân dân xã (công chức tư pháp - hộ tịch giải quyết, lãnh đạo UBND xã ký Giấy khai sinh)',19,115);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',47,'agency','Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch tại cơ quan đăng ký hộ tịch nơi cư trú; nơi cư trú của cá nhân được xác định theo quy định của pháp luật về cư trú.','national-catalog-2026-07 details/1.000689.json',NULL,21,'Cấp xã','Ủy ban nhân dân xã',20,117);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_tu.yml',40,'agency',NULL,NULL,NULL,22,'Cấp xã','Ủy ban nhân dân xã nơi cư trú cuối cùng của người chết',21,119);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,'2026-06-30',0,'knowledge/data/procedures/ly_lich_tu_phap.yml',44,'agency[0]',NULL,NULL,NULL,23,'Cấp tỉnh','Sở Tư pháp nơi người yêu cầu thường trú',22,125);
INSERT INTO "kb_agency" VALUES('unverified','Nghị định 216/2026 chỉ gọi "Cơ quan có thẩm quyền cấp Phiếu lý lịch tư pháp"; việc thủ tục 3.000333 làm tại Công an cấp tỉnh thấy ở các bản chép Cổng Dịch vụ công Bộ Công an (nguồn phụ).',NULL,'2026-11-25','2026-07-01',NULL,1,'knowledge/data/procedures/ly_lich_tu_phap.yml',48,'agency[1]',NULL,NULL,NULL,24,'Cấp tỉnh','Công an tỉnh (cơ quan có thẩm quyền cấp Phiếu lý lịch tư pháp)',22,126);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/nhan_cha_me_con.yml',52,'agency','Ủy ban nhân dân cấp xã nơi cư trú của người nhận hoặc người được nhận là cha, mẹ, con thực hiện đăng ký nhận cha, mẹ, con.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,25,'Cấp xã','Ủy ban nhân dân xã nơi cư trú của người nhận hoặc người được nhận là cha, mẹ, con',23,137);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tach_ho.yml',57,'agency','Bước 2: Cá nhân, tổ chức nộp hồ sơ đến Công an cấp xã.','national-catalog-2026-07 details/1.010038.json',NULL,26,'Cấp xã','Công an xã nơi thường trú',24,143);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tam_tru.yml',33,'agency',NULL,NULL,NULL,27,'Cấp xã','Công an xã nơi dự kiến tạm trú',25,145);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/thuong_tru.yml',37,'agency',NULL,NULL,NULL,28,'Cấp xã','Công an xã nơi đăng ký thường trú',26,153);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/trich_luc_ho_tich.yml',45,'agency','Cá nhân không phụ thuộc vào nơi cư trú có quyền yêu cầu Cơ quan quản lý Cơ sở dữ liệu hộ tịch cấp bản sao trích lục hộ tịch về sự kiện hộ tịch của mình đã được đăng ký.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,29,'Sở Tư pháp / UBND xã','Cơ quan quản lý Cơ sở dữ liệu hộ tịch (điện tử), không phụ thuộc nơi bạn cư trú',27,160);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',85,'agency','Ủy ban nhân dân cấp xã','national-catalog-2026-07 catalog.jsonl (code 1.014027, departments)',NULL,30,'Cấp xã','Ủy ban nhân dân xã nơi cư trú',28,167);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tro_cap_xa_hoi.yml',54,'agency',NULL,NULL,NULL,31,'Cấp xã','Chủ tịch UBND xã',29,173);
INSERT INTO "kb_agency" VALUES('known',NULL,NULL,'2026-11-25',NULL,'2026-04-22',0,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',42,'agency[0]',NULL,NULL,NULL,32,'Cấp xã','Ủy ban nhân dân xã nơi thường trú',30,177);
INSERT INTO "kb_agency" VALUES('known','Ngày bắt đầu là ngày cập nhật bản ghi 1.004873 (23/04/2026), không phải ngày hiệu lực của văn bản sửa đổi (chưa đọc Nghị định 18/2026).',NULL,'2026-12-01','2026-04-23',NULL,1,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',46,'agency[1]','Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch tại cơ quan đăng ký hộ tịch nơi cư trú; nơi cư trú của cá nhân được xác định theo quy định của pháp luật về cư trú. Trường hợp cá nhân lựa chọn thực hiện thủ tục hành chính về hộ tịch không phải tại Ủy ban nhân dân cấp xã nơi thường trú hoặc nơi tạm trú thì Ủy ban nhân dân cấp xã nơi tiếp nhận yêu cầu có trách nhiệm hỗ trợ người dân nộp hồ sơ đăng ký hộ tịch trực tuyến đến đúng cơ quan có thẩm quyền theo quy định.','VoidKeishi/OpenGOV backend/data/crawl/details/1.004873.json',NULL,33,'Cấp xã','Ủy ban nhân dân xã nơi bạn cư trú (thường trú hoặc tạm trú); xã khác nhận hồ sơ thì giúp bạn nộp online đúng nơi',30,178);
CREATE TABLE kb_alias (
	id INTEGER NOT NULL, 
	procedure_id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	folded TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE
);
INSERT INTO "kb_alias" VALUES(1,1,'bảo hiểm y tế trẻ em','bao hiem y te tre em');
INSERT INTO "kb_alias" VALUES(2,1,'bhyt trẻ em','bhyt tre em');
INSERT INTO "kb_alias" VALUES(3,1,'thẻ bhyt cho con','the bhyt cho con');
INSERT INTO "kb_alias" VALUES(4,1,'thẻ bảo hiểm y tế cho con','the bao hiem y te cho con');
INSERT INTO "kb_alias" VALUES(5,1,'bảo hiểm y tế cho con','bao hiem y te cho con');
INSERT INTO "kb_alias" VALUES(6,1,'bhyt cho con','bhyt cho con');
INSERT INTO "kb_alias" VALUES(7,1,'bhyt cho bé','bhyt cho be');
INSERT INTO "kb_alias" VALUES(8,1,'bảo hiểm y tế cho bé','bao hiem y te cho be');
INSERT INTO "kb_alias" VALUES(9,1,'thẻ bảo hiểm cho bé','the bao hiem cho be');
INSERT INTO "kb_alias" VALUES(10,1,'thẻ bhyt trẻ em','the bhyt tre em');
INSERT INTO "kb_alias" VALUES(11,1,'bảo hiểm cho trẻ','bao hiem cho tre');
INSERT INTO "kb_alias" VALUES(12,1,'bhyt trẻ dưới 6 tuổi','bhyt tre duoi 6 tuoi');
INSERT INTO "kb_alias" VALUES(13,1,'liên thông khai sinh','lien thong khai sinh');
INSERT INTO "kb_alias" VALUES(14,2,'cải chính hộ tịch','cai chinh ho tich');
INSERT INTO "kb_alias" VALUES(15,2,'thay đổi hộ tịch','thay doi ho tich');
INSERT INTO "kb_alias" VALUES(16,2,'bổ sung hộ tịch','bo sung ho tich');
INSERT INTO "kb_alias" VALUES(17,2,'bổ sung thông tin hộ tịch','bo sung thong tin ho tich');
INSERT INTO "kb_alias" VALUES(18,2,'thay đổi cải chính hộ tịch','thay doi cai chinh ho tich');
INSERT INTO "kb_alias" VALUES(19,2,'cải chính giấy khai sinh','cai chinh giay khai sinh');
INSERT INTO "kb_alias" VALUES(20,2,'sửa giấy khai sinh','sua giay khai sinh');
INSERT INTO "kb_alias" VALUES(21,2,'sửa khai sinh','sua khai sinh');
INSERT INTO "kb_alias" VALUES(22,2,'sửa khai sanh','sua khai sanh');
INSERT INTO "kb_alias" VALUES(23,2,'sửa giấy khai sanh','sua giay khai sanh');
INSERT INTO "kb_alias" VALUES(24,2,'sửa sai giấy khai sinh','sua sai giay khai sinh');
INSERT INTO "kb_alias" VALUES(25,2,'giấy khai sinh bị sai','giay khai sinh bi sai');
INSERT INTO "kb_alias" VALUES(26,2,'giấy khai sinh sai','giay khai sinh sai');
INSERT INTO "kb_alias" VALUES(27,2,'khai sinh bị sai','khai sinh bi sai');
INSERT INTO "kb_alias" VALUES(28,2,'giấy khai sanh bị sai','giay khai sanh bi sai');
INSERT INTO "kb_alias" VALUES(29,2,'khai sanh bị sai','khai sanh bi sai');
INSERT INTO "kb_alias" VALUES(30,2,'sửa tên trong giấy khai sinh','sua ten trong giay khai sinh');
INSERT INTO "kb_alias" VALUES(31,2,'sai tên trong giấy khai sinh','sai ten trong giay khai sinh');
INSERT INTO "kb_alias" VALUES(32,2,'sửa sai tên trong giấy khai sinh','sua sai ten trong giay khai sinh');
INSERT INTO "kb_alias" VALUES(33,2,'đổi tên con','doi ten con');
INSERT INTO "kb_alias" VALUES(34,2,'đổi tên cho con','doi ten cho con');
INSERT INTO "kb_alias" VALUES(35,2,'đổi tên trong giấy khai sinh','doi ten trong giay khai sinh');
INSERT INTO "kb_alias" VALUES(36,2,'đổi họ tên','doi ho ten');
INSERT INTO "kb_alias" VALUES(37,2,'cải chính tên','cai chinh ten');
INSERT INTO "kb_alias" VALUES(38,2,'sửa ngày sinh','sua ngay sinh');
INSERT INTO "kb_alias" VALUES(39,2,'sai ngày sinh','sai ngay sinh');
INSERT INTO "kb_alias" VALUES(40,2,'sửa ngày sinh trong giấy khai sinh','sua ngay sinh trong giay khai sinh');
INSERT INTO "kb_alias" VALUES(41,2,'sai ngày sinh trong giấy khai sinh','sai ngay sinh trong giay khai sinh');
INSERT INTO "kb_alias" VALUES(42,2,'cải chính ngày sinh','cai chinh ngay sinh');
INSERT INTO "kb_alias" VALUES(43,2,'sửa năm sinh','sua nam sinh');
INSERT INTO "kb_alias" VALUES(44,2,'sai năm sinh','sai nam sinh');
INSERT INTO "kb_alias" VALUES(45,2,'sửa quê quán','sua que quan');
INSERT INTO "kb_alias" VALUES(46,2,'xác định lại dân tộc','xac dinh lai dan toc');
INSERT INTO "kb_alias" VALUES(47,2,'đổi dân tộc','doi dan toc');
INSERT INTO "kb_alias" VALUES(48,3,'căn cước','can cuoc');
INSERT INTO "kb_alias" VALUES(49,3,'thẻ căn cước','the can cuoc');
INSERT INTO "kb_alias" VALUES(50,3,'căn cước công dân','can cuoc cong dan');
INSERT INTO "kb_alias" VALUES(51,3,'cccd','cccd');
INSERT INTO "kb_alias" VALUES(52,3,'làm cccd','lam cccd');
INSERT INTO "kb_alias" VALUES(53,3,'đổi cccd','doi cccd');
INSERT INTO "kb_alias" VALUES(54,3,'làm căn cước','lam can cuoc');
INSERT INTO "kb_alias" VALUES(55,3,'đổi căn cước','doi can cuoc');
INSERT INTO "kb_alias" VALUES(56,3,'cấp lại căn cước','cap lai can cuoc');
INSERT INTO "kb_alias" VALUES(57,3,'cấp đổi căn cước','cap doi can cuoc');
INSERT INTO "kb_alias" VALUES(58,3,'mất căn cước','mat can cuoc');
INSERT INTO "kb_alias" VALUES(59,3,'mất cccd','mat cccd');
INSERT INTO "kb_alias" VALUES(60,3,'chứng minh nhân dân','chung minh nhan dan');
INSERT INTO "kb_alias" VALUES(61,3,'chứng minh thư','chung minh thu');
INSERT INTO "kb_alias" VALUES(62,3,'cmnd','cmnd');
INSERT INTO "kb_alias" VALUES(63,3,'căn cước gắn chip','can cuoc gan chip');
INSERT INTO "kb_alias" VALUES(64,3,'cccd gắn chip','cccd gan chip');
INSERT INTO "kb_alias" VALUES(65,3,'thẻ cccd','the cccd');
INSERT INTO "kb_alias" VALUES(66,4,'cấp lại thẻ bhyt','cap lai the bhyt');
INSERT INTO "kb_alias" VALUES(67,4,'cấp lại thẻ bảo hiểm y tế','cap lai the bao hiem y te');
INSERT INTO "kb_alias" VALUES(68,4,'làm lại thẻ bhyt','lam lai the bhyt');
INSERT INTO "kb_alias" VALUES(69,4,'làm lại thẻ bảo hiểm y tế','lam lai the bao hiem y te');
INSERT INTO "kb_alias" VALUES(70,4,'làm lại thẻ bảo hiểm','lam lai the bao hiem');
INSERT INTO "kb_alias" VALUES(71,4,'mất thẻ bhyt','mat the bhyt');
INSERT INTO "kb_alias" VALUES(72,4,'mất thẻ bảo hiểm y tế','mat the bao hiem y te');
INSERT INTO "kb_alias" VALUES(73,4,'mất thẻ bảo hiểm','mat the bao hiem');
INSERT INTO "kb_alias" VALUES(74,4,'đổi thẻ bhyt','doi the bhyt');
INSERT INTO "kb_alias" VALUES(75,4,'đổi thẻ bảo hiểm y tế','doi the bao hiem y te');
INSERT INTO "kb_alias" VALUES(76,4,'thẻ bhyt bị hỏng','the bhyt bi hong');
INSERT INTO "kb_alias" VALUES(77,4,'thẻ bhyt bị rách','the bhyt bi rach');
INSERT INTO "kb_alias" VALUES(78,4,'thẻ bảo hiểm bị rách','the bao hiem bi rach');
INSERT INTO "kb_alias" VALUES(79,4,'thẻ bảo hiểm y tế bị hỏng','the bao hiem y te bi hong');
INSERT INTO "kb_alias" VALUES(80,4,'thẻ bhyt sai thông tin','the bhyt sai thong tin');
INSERT INTO "kb_alias" VALUES(81,4,'thẻ bảo hiểm y tế bị sai','the bao hiem y te bi sai');
INSERT INTO "kb_alias" VALUES(82,4,'sửa thông tin thẻ bhyt','sua thong tin the bhyt');
INSERT INTO "kb_alias" VALUES(83,4,'cấp lại bảo hiểm y tế','cap lai bao hiem y te');
INSERT INTO "kb_alias" VALUES(84,4,'thẻ bảo hiểm y tế bị mất','the bao hiem y te bi mat');
INSERT INTO "kb_alias" VALUES(85,4,'thẻ bhyt bị mất','the bhyt bi mat');
INSERT INTO "kb_alias" VALUES(86,4,'thẻ bảo hiểm bị mất','the bao hiem bi mat');
INSERT INTO "kb_alias" VALUES(87,5,'chứng thực bản sao','chung thuc ban sao');
INSERT INTO "kb_alias" VALUES(88,5,'chứng thực','chung thuc');
INSERT INTO "kb_alias" VALUES(89,5,'sao y','sao y');
INSERT INTO "kb_alias" VALUES(90,5,'sao y bản chính','sao y ban chinh');
INSERT INTO "kb_alias" VALUES(91,5,'công chứng bản sao','cong chung ban sao');
INSERT INTO "kb_alias" VALUES(92,5,'công chứng giấy tờ','cong chung giay to');
INSERT INTO "kb_alias" VALUES(93,5,'photo công chứng','photo cong chung');
INSERT INTO "kb_alias" VALUES(94,5,'bản sao công chứng','ban sao cong chung');
INSERT INTO "kb_alias" VALUES(95,5,'bản sao chứng thực','ban sao chung thuc');
INSERT INTO "kb_alias" VALUES(96,6,'chứng thực chữ ký','chung thuc chu ky');
INSERT INTO "kb_alias" VALUES(97,6,'chứng chữ ký','chung chu ky');
INSERT INTO "kb_alias" VALUES(98,6,'xác nhận chữ ký','xac nhan chu ky');
INSERT INTO "kb_alias" VALUES(99,6,'thị thực chữ ký','thi thuc chu ky');
INSERT INTO "kb_alias" VALUES(100,6,'công chứng chữ ký','cong chung chu ky');
INSERT INTO "kb_alias" VALUES(101,6,'ký chứng thực','ky chung thuc');
INSERT INTO "kb_alias" VALUES(102,6,'chứng thực giấy ủy quyền','chung thuc giay uy quyen');
INSERT INTO "kb_alias" VALUES(103,7,'đăng ký lại khai sinh','dang ky lai khai sinh');
INSERT INTO "kb_alias" VALUES(104,7,'đk lại khai sinh','dk lai khai sinh');
INSERT INTO "kb_alias" VALUES(105,7,'làm lại giấy khai sinh','lam lai giay khai sinh');
INSERT INTO "kb_alias" VALUES(106,7,'làm lại khai sinh','lam lai khai sinh');
INSERT INTO "kb_alias" VALUES(107,7,'khai sinh lại','khai sinh lai');
INSERT INTO "kb_alias" VALUES(108,7,'đăng ký khai sinh lại','dang ky khai sinh lai');
INSERT INTO "kb_alias" VALUES(109,7,'làm lại khai sanh','lam lai khai sanh');
INSERT INTO "kb_alias" VALUES(110,7,'làm lại giấy khai sanh','lam lai giay khai sanh');
INSERT INTO "kb_alias" VALUES(111,7,'khai sanh lại','khai sanh lai');
INSERT INTO "kb_alias" VALUES(112,7,'giấy khai sinh bị mất hết','giay khai sinh bi mat het');
INSERT INTO "kb_alias" VALUES(113,7,'mất cả giấy khai sinh và sổ','mat ca giay khai sinh va so');
INSERT INTO "kb_alias" VALUES(114,8,'sổ đỏ','so do');
INSERT INTO "kb_alias" VALUES(115,8,'bìa đỏ','bia do');
INSERT INTO "kb_alias" VALUES(116,8,'sổ hồng','so hong');
INSERT INTO "kb_alias" VALUES(117,8,'làm sổ đỏ','lam so do');
INSERT INTO "kb_alias" VALUES(118,8,'cấp sổ đỏ','cap so do');
INSERT INTO "kb_alias" VALUES(119,8,'sổ đỏ lần đầu','so do lan dau');
INSERT INTO "kb_alias" VALUES(120,8,'cấp sổ đỏ lần đầu','cap so do lan dau');
INSERT INTO "kb_alias" VALUES(121,8,'làm sổ đỏ lần đầu','lam so do lan dau');
INSERT INTO "kb_alias" VALUES(122,8,'làm bìa đỏ','lam bia do');
INSERT INTO "kb_alias" VALUES(123,8,'giấy chứng nhận quyền sử dụng đất','giay chung nhan quyen su dung dat');
INSERT INTO "kb_alias" VALUES(124,8,'quyền sử dụng đất','quyen su dung dat');
INSERT INTO "kb_alias" VALUES(125,8,'giấy đỏ','giay do');
INSERT INTO "kb_alias" VALUES(126,8,'gcn qsdđ','gcn qsdd');
INSERT INTO "kb_alias" VALUES(127,8,'gcnqsdđ','gcnqsdd');
INSERT INTO "kb_alias" VALUES(128,8,'đăng ký đất đai','dang ky dat dai');
INSERT INTO "kb_alias" VALUES(129,8,'đăng ký đất đai lần đầu','dang ky dat dai lan dau');
INSERT INTO "kb_alias" VALUES(130,8,'cấp giấy đất','cap giay dat');
INSERT INTO "kb_alias" VALUES(131,8,'sổ đất','so dat');
INSERT INTO "kb_alias" VALUES(132,9,'đổi giấy phép lái xe','doi giay phep lai xe');
INSERT INTO "kb_alias" VALUES(133,9,'cấp lại giấy phép lái xe','cap lai giay phep lai xe');
INSERT INTO "kb_alias" VALUES(134,9,'đổi bằng lái','doi bang lai');
INSERT INTO "kb_alias" VALUES(135,9,'đổi bằng lái xe','doi bang lai xe');
INSERT INTO "kb_alias" VALUES(136,9,'đổi bằng lái xe máy','doi bang lai xe may');
INSERT INTO "kb_alias" VALUES(137,9,'đổi bằng lái ô tô','doi bang lai o to');
INSERT INTO "kb_alias" VALUES(138,9,'làm lại bằng lái','lam lai bang lai');
INSERT INTO "kb_alias" VALUES(139,9,'làm lại bằng lái xe','lam lai bang lai xe');
INSERT INTO "kb_alias" VALUES(140,9,'mất bằng lái','mat bang lai');
INSERT INTO "kb_alias" VALUES(141,9,'mất bằng lái xe','mat bang lai xe');
INSERT INTO "kb_alias" VALUES(142,9,'mất giấy phép lái xe','mat giay phep lai xe');
INSERT INTO "kb_alias" VALUES(143,9,'bằng lái hết hạn','bang lai het han');
INSERT INTO "kb_alias" VALUES(144,9,'bằng lái xe hết hạn','bang lai xe het han');
INSERT INTO "kb_alias" VALUES(145,9,'đổi gplx','doi gplx');
INSERT INTO "kb_alias" VALUES(146,9,'cấp lại gplx','cap lai gplx');
INSERT INTO "kb_alias" VALUES(147,9,'đổi bằng lái online','doi bang lai online');
INSERT INTO "kb_alias" VALUES(148,9,'đổi bằng lái trên vneid','doi bang lai tren vneid');
INSERT INTO "kb_alias" VALUES(149,9,'doi bang lai','doi bang lai');
INSERT INTO "kb_alias" VALUES(150,10,'gia hạn tạm trú','gia han tam tru');
INSERT INTO "kb_alias" VALUES(151,10,'xin gia hạn tạm trú','xin gia han tam tru');
INSERT INTO "kb_alias" VALUES(152,10,'làm gia hạn tạm trú','lam gia han tam tru');
INSERT INTO "kb_alias" VALUES(153,10,'đăng ký gia hạn tạm trú','dang ky gia han tam tru');
INSERT INTO "kb_alias" VALUES(154,10,'gia hạn thời hạn tạm trú','gia han thoi han tam tru');
INSERT INTO "kb_alias" VALUES(155,10,'gia hạn tạm trú online','gia han tam tru online');
INSERT INTO "kb_alias" VALUES(156,10,'gia hạn tạm trú trên vneid','gia han tam tru tren vneid');
INSERT INTO "kb_alias" VALUES(157,10,'tạm trú hết hạn','tam tru het han');
INSERT INTO "kb_alias" VALUES(158,10,'tạm trú sắp hết hạn','tam tru sap het han');
INSERT INTO "kb_alias" VALUES(159,10,'hết hạn tạm trú','het han tam tru');
INSERT INTO "kb_alias" VALUES(160,10,'sắp hết hạn tạm trú','sap het han tam tru');
INSERT INTO "kb_alias" VALUES(161,10,'tạm trú quá hạn','tam tru qua han');
INSERT INTO "kb_alias" VALUES(162,10,'hết thời hạn tạm trú','het thoi han tam tru');
INSERT INTO "kb_alias" VALUES(163,10,'gia hạn đăng ký tạm trú','gia han dang ky tam tru');
INSERT INTO "kb_alias" VALUES(164,11,'giám hộ','giam ho');
INSERT INTO "kb_alias" VALUES(165,11,'đăng ký giám hộ','dang ky giam ho');
INSERT INTO "kb_alias" VALUES(166,11,'đk giám hộ','dk giam ho');
INSERT INTO "kb_alias" VALUES(167,11,'làm giám hộ','lam giam ho');
INSERT INTO "kb_alias" VALUES(168,11,'người giám hộ','nguoi giam ho');
INSERT INTO "kb_alias" VALUES(169,11,'giám hộ cho con','giam ho cho con');
INSERT INTO "kb_alias" VALUES(170,11,'giám hộ cho trẻ mồ côi','giam ho cho tre mo coi');
INSERT INTO "kb_alias" VALUES(171,11,'nhận giám hộ','nhan giam ho');
INSERT INTO "kb_alias" VALUES(172,11,'giám hộ đương nhiên','giam ho duong nhien');
INSERT INTO "kb_alias" VALUES(173,11,'cử người giám hộ','cu nguoi giam ho');
INSERT INTO "kb_alias" VALUES(174,11,'giam ho','giam ho');
INSERT INTO "kb_alias" VALUES(175,12,'giấy phép xây dựng','giay phep xay dung');
INSERT INTO "kb_alias" VALUES(176,12,'xin phép xây dựng','xin phep xay dung');
INSERT INTO "kb_alias" VALUES(177,12,'phép xây dựng','phep xay dung');
INSERT INTO "kb_alias" VALUES(178,12,'gpxd','gpxd');
INSERT INTO "kb_alias" VALUES(179,12,'xin giấy phép xây dựng','xin giay phep xay dung');
INSERT INTO "kb_alias" VALUES(180,12,'giấy phép xây nhà','giay phep xay nha');
INSERT INTO "kb_alias" VALUES(181,12,'xin phép xây nhà','xin phep xay nha');
INSERT INTO "kb_alias" VALUES(182,12,'xin phép cất nhà','xin phep cat nha');
INSERT INTO "kb_alias" VALUES(183,12,'cất nhà','cat nha');
INSERT INTO "kb_alias" VALUES(184,12,'xây nhà','xay nha');
INSERT INTO "kb_alias" VALUES(185,12,'giấy phép sửa nhà','giay phep sua nha');
INSERT INTO "kb_alias" VALUES(186,12,'giấy phép cất nhà','giay phep cat nha');
INSERT INTO "kb_alias" VALUES(187,13,'hộ chiếu','ho chieu');
INSERT INTO "kb_alias" VALUES(188,13,'làm hộ chiếu','lam ho chieu');
INSERT INTO "kb_alias" VALUES(189,13,'cấp hộ chiếu','cap ho chieu');
INSERT INTO "kb_alias" VALUES(190,13,'hộ chiếu phổ thông','ho chieu pho thong');
INSERT INTO "kb_alias" VALUES(191,13,'passport','passport');
INSERT INTO "kb_alias" VALUES(192,13,'pasport','pasport');
INSERT INTO "kb_alias" VALUES(193,13,'pass port','pass port');
INSERT INTO "kb_alias" VALUES(194,13,'làm passport','lam passport');
INSERT INTO "kb_alias" VALUES(195,13,'đổi hộ chiếu','doi ho chieu');
INSERT INTO "kb_alias" VALUES(196,13,'cấp lại hộ chiếu','cap lai ho chieu');
INSERT INTO "kb_alias" VALUES(197,13,'mất hộ chiếu','mat ho chieu');
INSERT INTO "kb_alias" VALUES(198,14,'hộ kinh doanh','ho kinh doanh');
INSERT INTO "kb_alias" VALUES(199,14,'đăng ký hộ kinh doanh','dang ky ho kinh doanh');
INSERT INTO "kb_alias" VALUES(200,14,'hkd','hkd');
INSERT INTO "kb_alias" VALUES(201,14,'đăng ký kinh doanh','dang ky kinh doanh');
INSERT INTO "kb_alias" VALUES(202,14,'giấy phép kinh doanh','giay phep kinh doanh');
INSERT INTO "kb_alias" VALUES(203,14,'giấy đăng ký kinh doanh','giay dang ky kinh doanh');
INSERT INTO "kb_alias" VALUES(204,14,'đkkd','dkkd');
INSERT INTO "kb_alias" VALUES(205,14,'mở quán','mo quan');
INSERT INTO "kb_alias" VALUES(206,14,'mở tiệm','mo tiem');
INSERT INTO "kb_alias" VALUES(207,14,'mở cửa hàng','mo cua hang');
INSERT INTO "kb_alias" VALUES(208,14,'kinh doanh cá thể','kinh doanh ca the');
INSERT INTO "kb_alias" VALUES(209,14,'hộ kinh doanh cá thể','ho kinh doanh ca the');
INSERT INTO "kb_alias" VALUES(210,15,'công nhận hộ nghèo','cong nhan ho ngheo');
INSERT INTO "kb_alias" VALUES(211,15,'công nhận hộ cận nghèo','cong nhan ho can ngheo');
INSERT INTO "kb_alias" VALUES(212,15,'xin hộ nghèo','xin ho ngheo');
INSERT INTO "kb_alias" VALUES(213,15,'xin hộ cận nghèo','xin ho can ngheo');
INSERT INTO "kb_alias" VALUES(214,15,'xét hộ nghèo','xet ho ngheo');
INSERT INTO "kb_alias" VALUES(215,15,'xét hộ cận nghèo','xet ho can ngheo');
INSERT INTO "kb_alias" VALUES(216,15,'làm sổ hộ nghèo','lam so ho ngheo');
INSERT INTO "kb_alias" VALUES(217,15,'làm sổ cận nghèo','lam so can ngheo');
INSERT INTO "kb_alias" VALUES(218,15,'xin giấy chứng nhận hộ nghèo','xin giay chung nhan ho ngheo');
INSERT INTO "kb_alias" VALUES(219,15,'xin vào hộ nghèo','xin vao ho ngheo');
INSERT INTO "kb_alias" VALUES(220,15,'xin vào hộ cận nghèo','xin vao ho can ngheo');
INSERT INTO "kb_alias" VALUES(221,15,'xin vô hộ nghèo','xin vo ho ngheo');
INSERT INTO "kb_alias" VALUES(222,15,'bình xét hộ nghèo','binh xet ho ngheo');
INSERT INTO "kb_alias" VALUES(223,15,'rà soát hộ nghèo','ra soat ho ngheo');
INSERT INTO "kb_alias" VALUES(224,15,'đăng ký hộ nghèo','dang ky ho ngheo');
INSERT INTO "kb_alias" VALUES(225,15,'vào diện hộ nghèo','vao dien ho ngheo');
INSERT INTO "kb_alias" VALUES(226,15,'thoát nghèo','thoat ngheo');
INSERT INTO "kb_alias" VALUES(227,16,'hỗ trợ mai táng','ho tro mai tang');
INSERT INTO "kb_alias" VALUES(228,16,'hỗ trợ mai táng phí','ho tro mai tang phi');
INSERT INTO "kb_alias" VALUES(229,16,'hỗ trợ chi phí mai táng','ho tro chi phi mai tang');
INSERT INTO "kb_alias" VALUES(230,16,'mai táng phí','mai tang phi');
INSERT INTO "kb_alias" VALUES(231,16,'tiền mai táng','tien mai tang');
INSERT INTO "kb_alias" VALUES(232,16,'xin tiền mai táng','xin tien mai tang');
INSERT INTO "kb_alias" VALUES(233,16,'tiền hỗ trợ mai táng','tien ho tro mai tang');
INSERT INTO "kb_alias" VALUES(234,16,'hỗ trợ chôn cất','ho tro chon cat');
INSERT INTO "kb_alias" VALUES(235,16,'tiền chôn cất','tien chon cat');
INSERT INTO "kb_alias" VALUES(236,16,'hỗ trợ tiền ma chay','ho tro tien ma chay');
INSERT INTO "kb_alias" VALUES(237,16,'mai tang phi','mai tang phi');
INSERT INTO "kb_alias" VALUES(238,17,'kết hôn','ket hon');
INSERT INTO "kb_alias" VALUES(239,17,'đăng ký kết hôn','dang ky ket hon');
INSERT INTO "kb_alias" VALUES(240,17,'đk kết hôn','dk ket hon');
INSERT INTO "kb_alias" VALUES(241,17,'dkkh','dkkh');
INSERT INTO "kb_alias" VALUES(242,17,'giấy đăng ký kết hôn','giay dang ky ket hon');
INSERT INTO "kb_alias" VALUES(243,17,'giấy chứng nhận kết hôn','giay chung nhan ket hon');
INSERT INTO "kb_alias" VALUES(244,17,'giấy kết hôn','giay ket hon');
INSERT INTO "kb_alias" VALUES(245,17,'làm giấy kết hôn','lam giay ket hon');
INSERT INTO "kb_alias" VALUES(246,17,'cưới vợ','cuoi vo');
INSERT INTO "kb_alias" VALUES(247,17,'cưới chồng','cuoi chong');
INSERT INTO "kb_alias" VALUES(248,17,'lấy vợ','lay vo');
INSERT INTO "kb_alias" VALUES(249,17,'lấy chồng','lay chong');
INSERT INTO "kb_alias" VALUES(250,17,'hôn thú','hon thu');
INSERT INTO "kb_alias" VALUES(251,17,'giấy hôn thú','giay hon thu');
INSERT INTO "kb_alias" VALUES(252,18,'khai sinh','khai sinh');
INSERT INTO "kb_alias" VALUES(253,18,'giấy khai sinh','giay khai sinh');
INSERT INTO "kb_alias" VALUES(254,18,'làm giấy khai sinh','lam giay khai sinh');
INSERT INTO "kb_alias" VALUES(255,18,'làm khai sinh','lam khai sinh');
INSERT INTO "kb_alias" VALUES(256,18,'đk khai sinh','dk khai sinh');
INSERT INTO "kb_alias" VALUES(257,18,'dkks','dkks');
INSERT INTO "kb_alias" VALUES(258,18,'khai sanh','khai sanh');
INSERT INTO "kb_alias" VALUES(259,18,'giấy khai sanh','giay khai sanh');
INSERT INTO "kb_alias" VALUES(260,18,'làm khai sanh','lam khai sanh');
INSERT INTO "kb_alias" VALUES(261,18,'khai sinh cho con','khai sinh cho con');
INSERT INTO "kb_alias" VALUES(262,18,'khai sinh cho bé','khai sinh cho be');
INSERT INTO "kb_alias" VALUES(263,19,'chưa có giấy khai sinh','chua co giay khai sinh');
INSERT INTO "kb_alias" VALUES(264,19,'chưa có khai sinh','chua co khai sinh');
INSERT INTO "kb_alias" VALUES(265,19,'chưa làm khai sinh','chua lam khai sinh');
INSERT INTO "kb_alias" VALUES(266,19,'chưa từng làm khai sinh','chua tung lam khai sinh');
INSERT INTO "kb_alias" VALUES(267,19,'chưa đăng ký khai sinh','chua dang ky khai sinh');
INSERT INTO "kb_alias" VALUES(268,19,'chưa bao giờ làm giấy khai sinh','chua bao gio lam giay khai sinh');
INSERT INTO "kb_alias" VALUES(269,19,'khai sinh cho người lớn','khai sinh cho nguoi lon');
INSERT INTO "kb_alias" VALUES(270,19,'khai sinh cho người lớn tuổi','khai sinh cho nguoi lon tuoi');
INSERT INTO "kb_alias" VALUES(271,19,'làm khai sinh cho người lớn','lam khai sinh cho nguoi lon');
INSERT INTO "kb_alias" VALUES(272,19,'làm giấy khai sinh cho người già','lam giay khai sinh cho nguoi gia');
INSERT INTO "kb_alias" VALUES(273,19,'khai sinh cho người già','khai sinh cho nguoi gia');
INSERT INTO "kb_alias" VALUES(274,19,'khai sinh cho người đã có giấy tờ','khai sinh cho nguoi da co giay to');
INSERT INTO "kb_alias" VALUES(275,19,'chưa có giấy khai sanh','chua co giay khai sanh');
INSERT INTO "kb_alias" VALUES(276,19,'khai sanh cho người lớn','khai sanh cho nguoi lon');
INSERT INTO "kb_alias" VALUES(277,20,'khai sinh kết hợp nhận cha con','khai sinh ket hop nhan cha con');
INSERT INTO "kb_alias" VALUES(278,20,'khai sinh kết hợp nhận cha mẹ con','khai sinh ket hop nhan cha me con');
INSERT INTO "kb_alias" VALUES(279,20,'khai sinh và nhận cha con','khai sinh va nhan cha con');
INSERT INTO "kb_alias" VALUES(280,20,'làm khai sinh và nhận cha con','lam khai sinh va nhan cha con');
INSERT INTO "kb_alias" VALUES(281,20,'khai sinh có tên cha','khai sinh co ten cha');
INSERT INTO "kb_alias" VALUES(282,20,'làm khai sinh có tên cha','lam khai sinh co ten cha');
INSERT INTO "kb_alias" VALUES(283,20,'khai sinh cho con chưa đăng ký kết hôn','khai sinh cho con chua dang ky ket hon');
INSERT INTO "kb_alias" VALUES(284,20,'làm khai sinh cho con chưa đăng ký kết hôn','lam khai sinh cho con chua dang ky ket hon');
INSERT INTO "kb_alias" VALUES(285,20,'làm giấy khai sinh cho con chưa đăng ký kết hôn','lam giay khai sinh cho con chua dang ky ket hon');
INSERT INTO "kb_alias" VALUES(286,20,'khai sinh cho con khi chưa đăng ký kết hôn','khai sinh cho con khi chua dang ky ket hon');
INSERT INTO "kb_alias" VALUES(287,20,'khai sinh cho con ngoài giá thú','khai sinh cho con ngoai gia thu');
INSERT INTO "kb_alias" VALUES(288,20,'khai sanh cho con chưa đăng ký kết hôn','khai sanh cho con chua dang ky ket hon');
INSERT INTO "kb_alias" VALUES(289,20,'khai sanh có tên cha','khai sanh co ten cha');
INSERT INTO "kb_alias" VALUES(290,21,'khai tử','khai tu');
INSERT INTO "kb_alias" VALUES(291,21,'đăng ký khai tử','dang ky khai tu');
INSERT INTO "kb_alias" VALUES(292,21,'đk khai tử','dk khai tu');
INSERT INTO "kb_alias" VALUES(293,21,'giấy chứng tử','giay chung tu');
INSERT INTO "kb_alias" VALUES(294,21,'làm giấy chứng tử','lam giay chung tu');
INSERT INTO "kb_alias" VALUES(295,21,'chứng tử','chung tu');
INSERT INTO "kb_alias" VALUES(296,21,'trích lục khai tử','trich luc khai tu');
INSERT INTO "kb_alias" VALUES(297,21,'làm khai tử','lam khai tu');
INSERT INTO "kb_alias" VALUES(298,21,'báo tử','bao tu');
INSERT INTO "kb_alias" VALUES(299,21,'giấy khai tử','giay khai tu');
INSERT INTO "kb_alias" VALUES(300,22,'lý lịch tư pháp','ly lich tu phap');
INSERT INTO "kb_alias" VALUES(301,22,'phiếu lý lịch tư pháp','phieu ly lich tu phap');
INSERT INTO "kb_alias" VALUES(302,22,'lltp','lltp');
INSERT INTO "kb_alias" VALUES(303,22,'làm lý lịch tư pháp','lam ly lich tu phap');
INSERT INTO "kb_alias" VALUES(304,22,'xin lý lịch tư pháp','xin ly lich tu phap');
INSERT INTO "kb_alias" VALUES(305,22,'giấy lý lịch tư pháp','giay ly lich tu phap');
INSERT INTO "kb_alias" VALUES(306,22,'lý lịch tư pháp số 1','ly lich tu phap so 1');
INSERT INTO "kb_alias" VALUES(307,22,'lý lịch tư pháp số 2','ly lich tu phap so 2');
INSERT INTO "kb_alias" VALUES(308,22,'giấy xác nhận không tiền án','giay xac nhan khong tien an');
INSERT INTO "kb_alias" VALUES(309,22,'không tiền án tiền sự','khong tien an tien su');
INSERT INTO "kb_alias" VALUES(310,22,'xác nhận không tiền án tiền sự','xac nhan khong tien an tien su');
INSERT INTO "kb_alias" VALUES(311,22,'lí lịch tư pháp','li lich tu phap');
INSERT INTO "kb_alias" VALUES(312,23,'nhận cha mẹ con','nhan cha me con');
INSERT INTO "kb_alias" VALUES(313,23,'nhận cha, mẹ, con','nhan cha, me, con');
INSERT INTO "kb_alias" VALUES(314,23,'đăng ký nhận cha mẹ con','dang ky nhan cha me con');
INSERT INTO "kb_alias" VALUES(315,23,'làm giấy nhận con','lam giay nhan con');
INSERT INTO "kb_alias" VALUES(316,23,'đăng ký nhận con','dang ky nhan con');
INSERT INTO "kb_alias" VALUES(317,23,'nhận con ngoài giá thú','nhan con ngoai gia thu');
INSERT INTO "kb_alias" VALUES(318,24,'tách hộ','tach ho');
INSERT INTO "kb_alias" VALUES(319,24,'tách hộ khẩu','tach ho khau');
INSERT INTO "kb_alias" VALUES(320,24,'tách khẩu','tach khau');
INSERT INTO "kb_alias" VALUES(321,24,'xin tách hộ','xin tach ho');
INSERT INTO "kb_alias" VALUES(322,24,'làm tách hộ','lam tach ho');
INSERT INTO "kb_alias" VALUES(323,24,'đăng ký tách hộ','dang ky tach ho');
INSERT INTO "kb_alias" VALUES(324,24,'tách hộ riêng','tach ho rieng');
INSERT INTO "kb_alias" VALUES(325,24,'tách hộ ra riêng','tach ho ra rieng');
INSERT INTO "kb_alias" VALUES(326,24,'tách khẩu ra riêng','tach khau ra rieng');
INSERT INTO "kb_alias" VALUES(327,24,'tách hộ khẩu ra riêng','tach ho khau ra rieng');
INSERT INTO "kb_alias" VALUES(328,24,'ra riêng hộ khẩu','ra rieng ho khau');
INSERT INTO "kb_alias" VALUES(329,24,'tách sổ hộ khẩu','tach so ho khau');
INSERT INTO "kb_alias" VALUES(330,24,'tách hộ sau ly hôn','tach ho sau ly hon');
INSERT INTO "kb_alias" VALUES(331,24,'tách hộ cho con','tach ho cho con');
INSERT INTO "kb_alias" VALUES(332,24,'tách hộ online','tach ho online');
INSERT INTO "kb_alias" VALUES(333,25,'tạm trú','tam tru');
INSERT INTO "kb_alias" VALUES(334,25,'đăng ký tạm trú','dang ky tam tru');
INSERT INTO "kb_alias" VALUES(335,25,'đk tạm trú','dk tam tru');
INSERT INTO "kb_alias" VALUES(336,25,'khai báo tạm trú','khai bao tam tru');
INSERT INTO "kb_alias" VALUES(337,25,'sổ tạm trú','so tam tru');
INSERT INTO "kb_alias" VALUES(338,25,'làm tạm trú','lam tam tru');
INSERT INTO "kb_alias" VALUES(339,25,'khai tạm trú','khai tam tru');
INSERT INTO "kb_alias" VALUES(340,26,'thường trú','thuong tru');
INSERT INTO "kb_alias" VALUES(341,26,'đăng ký thường trú','dang ky thuong tru');
INSERT INTO "kb_alias" VALUES(342,26,'đk thường trú','dk thuong tru');
INSERT INTO "kb_alias" VALUES(343,26,'nhập hộ khẩu','nhap ho khau');
INSERT INTO "kb_alias" VALUES(344,26,'nhập khẩu','nhap khau');
INSERT INTO "kb_alias" VALUES(345,26,'hộ khẩu','ho khau');
INSERT INTO "kb_alias" VALUES(346,26,'làm hộ khẩu','lam ho khau');
INSERT INTO "kb_alias" VALUES(347,26,'chuyển hộ khẩu','chuyen ho khau');
INSERT INTO "kb_alias" VALUES(348,26,'chuyển khẩu','chuyen khau');
INSERT INTO "kb_alias" VALUES(349,26,'sổ hộ khẩu','so ho khau');
INSERT INTO "kb_alias" VALUES(350,26,'đăng ký hộ khẩu','dang ky ho khau');
INSERT INTO "kb_alias" VALUES(351,27,'trích lục','trich luc');
INSERT INTO "kb_alias" VALUES(352,27,'trích lục hộ tịch','trich luc ho tich');
INSERT INTO "kb_alias" VALUES(353,27,'bản sao trích lục','ban sao trich luc');
INSERT INTO "kb_alias" VALUES(354,27,'trích lục khai sinh','trich luc khai sinh');
INSERT INTO "kb_alias" VALUES(355,27,'trích lục kết hôn','trich luc ket hon');
INSERT INTO "kb_alias" VALUES(356,27,'xin bản sao giấy khai sinh','xin ban sao giay khai sinh');
INSERT INTO "kb_alias" VALUES(357,27,'cấp bản sao giấy khai sinh','cap ban sao giay khai sinh');
INSERT INTO "kb_alias" VALUES(358,27,'xin bản sao khai sinh','xin ban sao khai sinh');
INSERT INTO "kb_alias" VALUES(359,27,'cấp bản sao khai sinh','cap ban sao khai sinh');
INSERT INTO "kb_alias" VALUES(360,27,'cấp lại giấy khai sinh','cap lai giay khai sinh');
INSERT INTO "kb_alias" VALUES(361,27,'xin lại giấy khai sinh','xin lai giay khai sinh');
INSERT INTO "kb_alias" VALUES(362,27,'mất giấy khai sinh','mat giay khai sinh');
INSERT INTO "kb_alias" VALUES(363,28,'trợ cấp hưu trí xã hội','tro cap huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(364,28,'hưu trí xã hội','huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(365,28,'xin trợ cấp hưu trí xã hội','xin tro cap huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(366,28,'đăng ký trợ cấp hưu trí xã hội','dang ky tro cap huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(367,28,'làm trợ cấp hưu trí xã hội','lam tro cap huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(368,28,'hồ sơ trợ cấp hưu trí xã hội','ho so tro cap huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(369,28,'hưởng trợ cấp hưu trí xã hội','huong tro cap huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(370,28,'hưởng hưu trí xã hội','huong huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(371,28,'làm hưu trí xã hội','lam huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(372,28,'tiền hưu trí xã hội','tien huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(373,28,'trợ cấp 75 tuổi','tro cap 75 tuoi');
INSERT INTO "kb_alias" VALUES(374,28,'tiền già 75 tuổi','tien gia 75 tuoi');
INSERT INTO "kb_alias" VALUES(375,28,'trợ cấp người già 75 tuổi','tro cap nguoi gia 75 tuoi');
INSERT INTO "kb_alias" VALUES(376,28,'75 tuổi không có lương hưu','75 tuoi khong co luong huu');
INSERT INTO "kb_alias" VALUES(377,28,'không có lương hưu','khong co luong huu');
INSERT INTO "kb_alias" VALUES(378,28,'không có lương hưu được trợ cấp gì','khong co luong huu duoc tro cap gi');
INSERT INTO "kb_alias" VALUES(379,28,'thôi hưởng trợ cấp hưu trí xã hội','thoi huong tro cap huu tri xa hoi');
INSERT INTO "kb_alias" VALUES(380,29,'trợ cấp xã hội','tro cap xa hoi');
INSERT INTO "kb_alias" VALUES(381,29,'trợ cấp hàng tháng','tro cap hang thang');
INSERT INTO "kb_alias" VALUES(382,29,'trợ cấp xã hội hàng tháng','tro cap xa hoi hang thang');
INSERT INTO "kb_alias" VALUES(383,29,'bảo trợ xã hội','bao tro xa hoi');
INSERT INTO "kb_alias" VALUES(384,29,'tiền già','tien gia');
INSERT INTO "kb_alias" VALUES(385,29,'trợ cấp người già','tro cap nguoi gia');
INSERT INTO "kb_alias" VALUES(386,29,'trợ cấp người cao tuổi','tro cap nguoi cao tuoi');
INSERT INTO "kb_alias" VALUES(387,29,'trợ cấp người khuyết tật','tro cap nguoi khuyet tat');
INSERT INTO "kb_alias" VALUES(388,29,'tiền trợ cấp','tien tro cap');
INSERT INTO "kb_alias" VALUES(389,29,'xin trợ cấp','xin tro cap');
INSERT INTO "kb_alias" VALUES(390,30,'xác nhận tình trạng hôn nhân','xac nhan tinh trang hon nhan');
INSERT INTO "kb_alias" VALUES(391,30,'giấy xác nhận tình trạng hôn nhân','giay xac nhan tinh trang hon nhan');
INSERT INTO "kb_alias" VALUES(392,30,'tình trạng hôn nhân','tinh trang hon nhan');
INSERT INTO "kb_alias" VALUES(393,30,'xác nhận độc thân','xac nhan doc than');
INSERT INTO "kb_alias" VALUES(394,30,'giấy xác nhận độc thân','giay xac nhan doc than');
INSERT INTO "kb_alias" VALUES(395,30,'giấy độc thân','giay doc than');
INSERT INTO "kb_alias" VALUES(396,30,'chứng nhận độc thân','chung nhan doc than');
INSERT INTO "kb_alias" VALUES(397,30,'xác nhận hôn nhân','xac nhan hon nhan');
INSERT INTO "kb_alias" VALUES(398,30,'xnttn','xnttn');
INSERT INTO "kb_alias" VALUES(399,30,'xác nhận tthn','xac nhan tthn');
INSERT INTO "kb_alias" VALUES(400,30,'giấy chứng nhận độc thân','giay chung nhan doc than');
INSERT INTO "kb_alias" VALUES(401,30,'giấy tình trạng hôn nhân','giay tinh trang hon nhan');
CREATE TABLE kb_benefit (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	"case" TEXT, 
	text TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_benefit" VALUES('unverified','Mức chuẩn trợ giúp xã hội từ 01/07/2024 (Nghị định 76/2024/NĐ-CP) chưa đối chiếu văn bản, nên chưa tính ra số tiền; hỏi UBND xã.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_tro_mai_tang.yml',49,'benefits[0]','2. Mức hỗ trợ chi phí mai táng đối với đối tượng quy định tại khoản 1 Điều này tối thiểu bằng 20 lần mức chuẩn quy định tại khoản 2 Điều 4 Nghị định này.','diepxuan/diepxuan.github.io van-ban/chinh-sach-xa-hoi/chinh-sach-tro-giup-xa-hoi-doi-voi-doi-tuong-bao-tro-xa-hoi.md',NULL,1,'Mức hỗ trợ chi phí mai táng','Tối thiểu bằng 20 lần mức chuẩn trợ giúp xã hội; được nhiều chế độ mai táng thì chỉ hưởng một mức cao nhất',16,99);
INSERT INTO "kb_benefit" VALUES('unverified','Hai nguồn phụ độc lập ghi 500.000 đồng; kiểm tra tri thức 2026-12 ghi một nguồn khác nói 540.000 đồng. Chưa đọc văn bản Nghị định.',NULL,'2026-12-01','2025-07-01',NULL,0,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',69,'benefits[0]','1. Mức trợ cấp hưu trí xã hội hằng tháng là 500.000 đồng/người/tháng.','search code corpus, bản trích Nghị định 176/2025/NĐ-CP trong một kho mã công khai (find_string id 70417496973)',NULL,2,'Trợ cấp hưu trí xã hội hằng tháng','500.000 đồng/người/tháng; HĐND tỉnh có thể quyết định hỗ trợ thêm',28,171);
INSERT INTO "kb_benefit" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',77,'benefits[1]','3. Người đang hưởng trợ cấp hưu trí xã hội hằng tháng được cấp thẻ bảo hiểm y tế miễn phí theo quy định của pháp luật về bảo hiểm y tế.','search code corpus, bản trích Nghị định 176/2025/NĐ-CP trong một kho mã công khai (find_string id 70417496973)',NULL,3,'Thẻ bảo hiểm y tế','Người đang hưởng trợ cấp hưu trí xã hội được cấp thẻ bảo hiểm y tế miễn phí',28,171);
INSERT INTO "kb_benefit" VALUES('known',NULL,NULL,'2026-11-25','2021-07-01','2024-06-30',0,'knowledge/data/procedures/tro_cap_xa_hoi.yml',35,'benefits[0]',NULL,NULL,NULL,4,'Trợ cấp xã hội hàng tháng (ví dụ người từ 80 tuổi không có lương hưu hay trợ cấp hàng tháng khác)','Mức chuẩn trợ giúp xã hội 360.000 đồng/tháng',29,175);
INSERT INTO "kb_benefit" VALUES('unverified','Bản Pháp điển của Nghị định 20/2021 chưa cập nhật; không thấy văn bản Nghị định 76/2024 lưu trữ.',NULL,'2026-11-25','2024-07-01',NULL,1,'knowledge/data/procedures/tro_cap_xa_hoi.yml',40,'benefits[1]',NULL,NULL,NULL,5,'Trợ cấp xã hội hàng tháng (mức chuẩn từ 01/07/2024)','Mức chuẩn mới theo Nghị định 76/2024/NĐ-CP chưa đối chiếu văn bản (nhiều nguồn ghi 500.000 đồng/tháng); hỏi UBND xã mức bạn được hưởng',29,176);
INSERT INTO "kb_benefit" VALUES('unverified','Không thấy văn bản Nghị định 176/2025 lưu trữ để đối chiếu số tiền.',NULL,'2026-11-25','2025-07-01',NULL,2,'knowledge/data/procedures/tro_cap_xa_hoi.yml',46,'benefits[2]',NULL,NULL,NULL,6,'Trợ cấp hưu trí xã hội (từ 75 tuổi, hoặc từ 70 tuổi nếu thuộc hộ nghèo, cận nghèo, không có lương hưu)','500.000 đồng/tháng',29,174);
CREATE TABLE kb_channel (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	channel VARCHAR(16), 
	place TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/bhyt_tre_em.yml',81,'where[0]',NULL,NULL,NULL,1,'online','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID (nhóm thủ tục liên thông)',1,1);
INSERT INTO "kb_channel" VALUES('known','Bản ghi quốc gia 2026 áp dụng cấp xã cho mọi độ tuổi và cho phép nộp ở xã nơi thường trú hoặc tạm trú.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cai_chinh_ho_tich.yml',176,'where[0]','Ủy ban nhân dân cấp xã nơi đã đăng ký hộ tịch trước đây hoặc nơi cư trú của cá nhân có thẩm quyền giải quyết việc thay đổi, cải chính hộ tịch cho người chưa đủ 14 tuổi; bổ sung hộ tịch cho công dân Việt Nam cư trú ở trong nước.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,2,'in_person','UBND xã nơi đã đăng ký hộ tịch trước đây hoặc nơi cư trú (thường trú hoặc tạm trú) của người cần sửa',2,10);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/cai_chinh_ho_tich.yml',183,'where[1]','Nếu lựa chọn hình thức nộp hồ sơ trực tuyến, người yêu cầu thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc truy cập Cổng dịch vụ công quốc gia hoặc Ứng dụng định danh quốc gia.','national-catalog-2026-07 details/1.004859.json',NULL,3,'online','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID (đính kèm ảnh chụp giấy tờ)',2,5);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/cai_chinh_ho_tich.yml',189,'where[2]','Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực các giấy tờ phải xuất trình nêu trên.','national-catalog-2026-07 details/1.004859.json',NULL,4,'post','Gửi hồ sơ qua bưu điện đến UBND xã, kèm bản sao có chứng thực các giấy tờ phải xuất trình',2,5);
INSERT INTO "kb_channel" VALUES('known','Cấp xã - các thủ tục 1.014061-1.014064 của Công an cấp xã trong danh mục quốc gia (07/2026).',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/can_cuoc.yml',222,'where[0]','Công dân đến địa điểm làm thủ tục cấp thẻ căn cước tại cơ quan quản lý căn cước của Công an cấp tỉnh (Phòng Cảnh sát Quản lý hành chính về trật tự xã hội, Công an các tỉnh, thành phố) hoặc Trung tâm phục vụ hành chính công tỉnh, thành ph','bminhnemhoi/ctcv_aiangtaotre2026 data/tests/fixtures/tthc/tthc_26052.html',NULL,5,'in_person','Công an xã nơi cư trú, hoặc Phòng Cảnh sát quản lý hành chính về trật tự xã hội Công an tỉnh (hỏi Công an xã trước)',3,25);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/can_cuoc.yml',229,'where[1]','Công dân thông qua Cổng dịch vụ công quốc gia, Cổng dịch vụ công Bộ Công an, ứng dụng định danh quốc gia lựa chọn thủ tục cấp thẻ căn cước','bminhnemhoi/ctcv_aiangtaotre2026 data/tests/fixtures/tthc/tthc_26052.html',NULL,6,'online','Ứng dụng VNeID, Cổng Dịch vụ công quốc gia hoặc Cổng Dịch vụ công Bộ Công an',3,26);
INSERT INTO "kb_channel" VALUES('unverified','Danh mục ghi cơ quan thực hiện là Bảo hiểm xã hội tỉnh; nơi nhận hồ sơ gần nhất cho Thạnh Phú chưa có nguồn.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cap_lai_the_bhyt.yml',108,'where[0]','Bảo hiểm xã hội tỉnh','national-catalog-2026-07 catalog.jsonl (code 1.002759)',NULL,7,'in_person','Cơ quan bảo hiểm xã hội (Bảo hiểm xã hội tỉnh)',4,27);
INSERT INTO "kb_channel" VALUES('unknown',NULL,'cơ quan bảo hiểm xã hội hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,1,'knowledge/data/procedures/cap_lai_the_bhyt.yml',115,'where[1]',NULL,NULL,NULL,8,'online',NULL,4,27);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_ban_sao.yml',77,'where[0]',NULL,NULL,NULL,9,'in_person','Bộ phận một cửa UBND xã',5,37);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_chu_ky.yml',67,'where[0]',NULL,NULL,NULL,10,'in_person','Bộ phận một cửa UBND xã; phải ký trước mặt người chứng thực',6,39);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',149,'where[0]','Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch tại cơ quan đăng ký hộ tịch nơi cư trú; nơi cư trú của cá nhân được xác định theo quy định của pháp luật về cư trú.','national-catalog-2026-07 details/1.004884.json',NULL,11,'in_person','Bộ phận một cửa (Trung tâm Phục vụ hành chính công) UBND xã nơi cư trú; xã khác nơi khai sinh cũ vẫn nhận và tra cứu',7,41);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',154,'where[1]','Nếu lựa chọn hình thức nộp hồ sơ trực tuyến, người yêu cầu đăng ký lại khai sinh truy cập Cổng dịch vụ công quốc gia hoặc Ứng dụng định danh quốc gia.','national-catalog-2026-07 details/1.004884.json',NULL,12,'online','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID',7,41);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',159,'where[2]','Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực các giấy tờ phải xuất trình nêu trên.','national-catalog-2026-07 details/1.004884.json',NULL,13,'post','Gửi hồ sơ qua bưu điện đến UBND xã, kèm bản sao có chứng thực các giấy tờ phải xuất trình',7,41);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/dat_dai_lan_dau.yml',79,'where[0]',NULL,NULL,NULL,14,'in_person','Bộ phận một cửa UBND xã hoặc Văn phòng (chi nhánh) đăng ký đất đai',8,47);
INSERT INTO "kb_channel" VALUES('unknown',NULL,'Công an xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/doi_gplx.yml',88,'where[0]',NULL,NULL,NULL,15,'in_person',NULL,9,49);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/gia_han_tam_tru.yml',132,'where[0]','- Nộp hồ sơ trực tiếp tại Công an cấp xã. Thời gian tiếp nhận hồ sơ: Giờ hành chính các ngày làm việc từ thứ 2 đến thứ 6 và sáng thứ 7 hàng tuần (trừ các ngày nghỉ lễ, tết theo quy định của pháp luật).','national-catalog-2026-07 details/1.002755.json',NULL,16,'in_person','Công an xã nơi đang tạm trú (giờ hành chính thứ 2 đến thứ 6 và sáng thứ 7)',10,52);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/gia_han_tam_tru.yml',137,'where[1]','- Nộp hồ sơ trực tuyến qua các cổng cung cấp dịch vụ công trực tuyến như: Trực tuyến qua Cổng dịch vụ công quốc gia, Cổng dịch vụ công Bộ Công an, ứng dụng VNeID hoặc dịch vụ công trực tuyến khác theo quy định của pháp luật.','national-catalog-2026-07 details/1.002755.json',NULL,17,'online','Cổng Dịch vụ công quốc gia, Cổng Dịch vụ công Bộ Công an hoặc ứng dụng VNeID',10,52);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/giam_ho.yml',105,'where[0]','Ủy ban nhân dân cấp xã nơi cư trú của người được giám hộ hoặc người giám hộ thực hiện đăng ký giám hộ.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,18,'in_person','UBND xã nơi cư trú của người được giám hộ hoặc người giám hộ',11,58);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/giam_ho.yml',110,'where[1]','Khi đến cơ quan đăng ký hộ tịch nhận kết quả (Trích lục đăng ký giám hộ/bản sao Trích lục đăng ký giám hộ), người có yêu cầu đăng ký giám hộ xuất trình giấy tờ tuỳ thân, nộp bản chính các giấy tờ là thành phần hồ sơ đăng ký giám hộ theo quy định pháp luật hộ tịch.','national-catalog-2026-07 details/1.004837.json',NULL,19,'online','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID; khi nhận kết quả mang giấy tờ tùy thân và bản chính các giấy tờ trong hồ sơ',11,59);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/giam_ho.yml',115,'where[2]','Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực các giấy tờ phải xuất trình nêu trên.','national-catalog-2026-07 details/1.004837.json',NULL,20,'post','Gửi hồ sơ qua bưu điện đến UBND xã, kèm bản sao có chứng thực các giấy tờ phải xuất trình',11,59);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25','2025-07-01','2026-06-30',0,'knowledge/data/procedures/giay_phep_xay_dung.yml',122,'where[0]',NULL,NULL,NULL,21,'in_person','Bộ phận một cửa UBND xã nơi xây dựng',12,64);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,1,'knowledge/data/procedures/giay_phep_xay_dung.yml',127,'where[1]','nộp bộ hồ sơ đề nghị cấp, điều chỉnh, gia hạn hoặc cấp lại giấy phép xây dựng cho cơ quan có thẩm quyền cấp giấy phép xây dựng theo quy định tại Điều 46 Luật Xây dựng năm 2025 được thực hiện trực tuyến tại cổng Dịch vụ công quốc gia','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md',NULL,22,'online','Cổng Dịch vụ công quốc gia (cách nộp chính từ 01/07/2026)',12,72);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,2,'knowledge/data/procedures/giay_phep_xay_dung.yml',134,'where[2]','trường hợp do sự cố khách quan, đột xuất không thể thực hiện trên môi trường điện tử, cơ quan có thẩm quyền cấp giấy phép xây dựng được thực hiện theo hình thức trực tiếp tại Bộ phận Một cửa hoặc thông qua dịch vụ bưu chính công ích','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md',NULL,23,'in_person','Bộ phận Một cửa UBND xã (Trung tâm Phục vụ hành chính công xã) hoặc bưu chính, chỉ khi hệ thống trực tuyến gặp sự cố',12,72);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_chieu.yml',171,'where[0]',NULL,NULL,NULL,24,'in_person','Phòng Quản lý xuất nhập cảnh Công an tỉnh Vĩnh Long',13,76);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/ho_chieu.yml',174,'where[1]',NULL,NULL,NULL,25,'online','Cổng Dịch vụ công quốc gia hoặc Cổng Dịch vụ công Bộ Công an',13,76);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_kinh_doanh.yml',63,'where[0]',NULL,NULL,NULL,26,'in_person','Cơ quan đăng ký kinh doanh cấp xã (bộ phận một cửa UBND xã)',14,90);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_ngheo.yml',83,'where[0]','Ủy ban nhân dân cấp xã','national-catalog-2026-07 catalog.jsonl (code 1.011607)',NULL,27,'in_person','UBND xã nơi hộ gia đình cư trú',15,92);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_tro_mai_tang.yml',111,'where[0]','a) Cá nhân, cơ quan, đơn vị tổ chức mai táng cho đối tượng làm hồ sơ theo quy định tại khoản 3 Điều này gửi Chủ tịch Ủy ban nhân dân cấp xã;','diepxuan/diepxuan.github.io van-ban/chinh-sach-xa-hoi/chinh-sach-tro-giup-xa-hoi-doi-voi-doi-tuong-bao-tro-xa-hoi.md; national-catalog-2026-07 catalog.jsonl (code 1.001731)',NULL,28,'in_person','UBND xã (gửi Chủ tịch UBND xã)',16,98);
INSERT INTO "kb_channel" VALUES('unknown',NULL,'UBND xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,1,'knowledge/data/procedures/ho_tro_mai_tang.yml',116,'where[1]',NULL,NULL,NULL,29,'online',NULL,16,93);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ket_hon.yml',83,'where[0]',NULL,NULL,NULL,30,'in_person','Bộ phận một cửa UBND xã nơi cư trú của bên nam hoặc bên nữ; hai bên cùng có mặt',17,107);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_sinh.yml',95,'where[0]',NULL,NULL,NULL,31,'in_person','Bộ phận một cửa UBND xã nơi cư trú của cha hoặc mẹ',18,111);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/khai_sinh.yml',98,'where[1]',NULL,NULL,NULL,32,'online','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID (thủ tục liên thông khai sinh - thường trú - thẻ BHYT cho trẻ dưới 6 tuổi)',18,1);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',130,'where[0]','Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch tại cơ quan đăng ký hộ tịch nơi cư trú; nơi cư trú của cá nhân được xác định theo quy định của pháp luật về cư trú.','national-catalog-2026-07 details/1.004772.json',NULL,33,'in_person','Bộ phận một cửa (Trung tâm Phục vụ hành chính công) UBND xã nơi cư trú',19,115);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',135,'where[1]','Mẫu hộ tịch điện tử tương tác đăng ký khai sinh (do người yêu cầu cung cấp thông tin theo hướng dẫn trên Cổng dịch vụ công, nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tuyến)','national-catalog-2026-07 details/1.004772.json',NULL,34,'online','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID',19,115);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',140,'where[2]','Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực các giấy tờ phải xuất trình nêu trên.','national-catalog-2026-07 details/1.004772.json',NULL,35,'post','Gửi hồ sơ qua bưu điện đến UBND xã, kèm bản sao có chứng thực các giấy tờ phải xuất trình',19,115);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',120,'where[0]','Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch tại cơ quan đăng ký hộ tịch nơi cư trú; nơi cư trú của cá nhân được xác định theo quy định của pháp luật về cư trú.','national-catalog-2026-07 details/1.000689.json',NULL,36,'in_person','Bộ phận một cửa (Trung tâm Phục vụ hành chính công) UBND xã nơi cư trú',20,117);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',125,'where[1]','Nếu lựa chọn hình thức nộp hồ sơ trực tuyến, người yêu cầu đăng ký nhận cha, mẹ, con truy cập Cổng dịch vụ công quốc gia hoặc Ứng dụng định danh quốc gia.','national-catalog-2026-07 details/1.000689.json',NULL,37,'online','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID',20,117);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',130,'where[2]','Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực các giấy tờ phải xuất trình nêu trên.','national-catalog-2026-07 details/1.000689.json',NULL,38,'post','Gửi hồ sơ qua bưu điện đến UBND xã, kèm bản sao có chứng thực các giấy tờ phải xuất trình',20,117);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_tu.yml',83,'where[0]',NULL,NULL,NULL,39,'in_person','Bộ phận một cửa UBND xã nơi cư trú cuối cùng của người đã mất',21,122);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,'2026-06-30',0,'knowledge/data/procedures/ly_lich_tu_phap.yml',147,'where[0]',NULL,NULL,NULL,40,'in_person','Sở Tư pháp nơi thường trú',22,125);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,1,'knowledge/data/procedures/ly_lich_tu_phap.yml',151,'where[1]','Cơ quan có thẩm quyền cấp Phiếu lý lịch tư pháp trả Phiếu lý lịch tư pháp bản điện tử tại cổng dịch vụ công quốc gia và ứng dụng định danh quốc gia cho cá nhân yêu cầu cấp Phiếu lý lịch tư pháp bằng hình thức trực tuyến.','diepxuan/diepxuan.github.io van-ban/tu-phap-thi-hanh-an/nghi-dinh-216-2026-nd-cp-ly-lich-tu-phap.md',NULL,41,'online','Ứng dụng VNeID hoặc Cổng Dịch vụ công quốc gia (nhận Phiếu bản điện tử)',22,134);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,2,'knowledge/data/procedures/ly_lich_tu_phap.yml',158,'where[2]','Cá nhân yêu cầu cấp Phiếu lý lịch tư pháp bằng hình thức trực tiếp nộp hồ sơ tại Cơ quan có thẩm quyền cấp Phiếu lý lịch tư pháp nơi cư trú hoặc nơi gần nhất.','diepxuan/diepxuan.github.io van-ban/tu-phap-thi-hanh-an/nghi-dinh-216-2026-nd-cp-ly-lich-tu-phap.md',NULL,42,'in_person','Cơ quan có thẩm quyền cấp Phiếu lý lịch tư pháp (Công an) nơi cư trú hoặc nơi gần nhất',22,135);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/nhan_cha_me_con.yml',122,'where[0]','Ủy ban nhân dân cấp xã nơi cư trú của người nhận hoặc người được nhận là cha, mẹ, con thực hiện đăng ký nhận cha, mẹ, con.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,43,'in_person','UBND xã nơi cư trú của người nhận hoặc người được nhận; các bên cùng đến',23,141);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/nhan_cha_me_con.yml',127,'where[1]','Mẫu hộ tịch điện tử tương tác đăng ký nhận cha, mẹ, con (do người yêu cầu cung cấp thông tin theo hướng dẫn trên Cổng dịch vụ công, nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tuyến)','national-catalog-2026-07 details/1.001022.json',NULL,44,'online','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID (các bên vẫn phải có mặt khi đăng ký)',23,138);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tach_ho.yml',116,'where[0]','- Nộp hồ sơ trực tiếp tại Công an cấp xã. Thời gian tiếp nhận hồ sơ: Giờ hành chính các ngày làm việc từ thứ 2 đến thứ 6 và sáng thứ 7 hàng tuần (trừ các ngày nghỉ lễ, tết theo quy định của pháp luật).','national-catalog-2026-07 details/1.010038.json',NULL,45,'in_person','Công an xã nơi thường trú (giờ hành chính thứ 2 đến thứ 6 và sáng thứ 7)',24,143);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/tach_ho.yml',121,'where[1]','- Nộp hồ sơ trực tuyến qua các cổng cung cấp dịch vụ công trực tuyến như: Trực tuyến qua Cổng dịch vụ công quốc gia, Cổng dịch vụ công Bộ Công an, ứng dụng VNeID hoặc dịch vụ công trực tuyến khác theo quy định của pháp luật.','national-catalog-2026-07 details/1.010038.json',NULL,46,'online','Cổng Dịch vụ công quốc gia, Cổng Dịch vụ công Bộ Công an hoặc ứng dụng VNeID',24,143);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tam_tru.yml',99,'where[0]',NULL,NULL,NULL,47,'in_person','Công an xã nơi dự kiến tạm trú',25,145);
INSERT INTO "kb_channel" VALUES('known','Nộp trực tuyến có mức lệ phí thấp hơn; công dân số được miễn đến 28/02/2027.',NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/tam_tru.yml',102,'where[1]',NULL,NULL,NULL,48,'online','Cổng Dịch vụ công quốc gia, Cổng Dịch vụ công Bộ Công an hoặc ứng dụng VNeID',25,152);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/thuong_tru.yml',112,'where[0]',NULL,NULL,NULL,49,'in_person','Công an xã nơi đăng ký thường trú',26,153);
INSERT INTO "kb_channel" VALUES('known','Nộp trực tuyến có mức lệ phí thấp hơn; công dân số được miễn đến 28/02/2027.',NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/thuong_tru.yml',115,'where[1]',NULL,NULL,NULL,50,'online','Cổng Dịch vụ công quốc gia, Cổng Dịch vụ công Bộ Công an hoặc ứng dụng VNeID',26,152);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/trich_luc_ho_tich.yml',91,'where[0]','Nếu lựa chọn hình thức nộp hồ sơ trực tiếp, người yêu cầu cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh nộp hồ sơ đề nghị cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh tại Trung tâm Phục vụ hành chính công có thẩm quyền; nộp phí theo quy định pháp luật.','VoidKeishi/OpenGOV backend/data/crawl/details/2.000635.json',NULL,51,'in_person','Trung tâm Phục vụ hành chính công (bộ phận một cửa) ở bất kỳ xã nào, không cần về nơi đã đăng ký, khi sự kiện đã có trong Cơ sở dữ liệu hộ tịch điện tử',27,164);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/trich_luc_ho_tich.yml',97,'where[1]','Nếu lựa chọn hình thức nộp hồ sơ trực tuyến, người yêu cầu cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh truy cập Cổng dịch vụ công quốc gia hoặc Ứng dụng định danh quốc gia.','VoidKeishi/OpenGOV backend/data/crawl/details/2.000635.json',NULL,52,'online','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID',27,165);
INSERT INTO "kb_channel" VALUES('unverified','Không thấy văn bản nói riêng về sổ giấy chưa số hóa; điều này suy từ việc bản sao do cơ quan quản lý cơ sở dữ liệu cấp.',NULL,'2026-11-25',NULL,NULL,2,'knowledge/data/procedures/trich_luc_ho_tich.yml',103,'where[2]',NULL,NULL,NULL,53,'in_person','Việc đăng ký từ lâu, chỉ có trong sổ giấy, chưa có trong Cơ sở dữ liệu hộ tịch điện tử - có thể phải xin ở UBND xã đang lưu sổ (nơi đã đăng ký); hỏi trước khi đi',27,166);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',123,'where[0]','Tuy nhiên, để được hưởng trợ cấp hưu trí xã hội, người có đủ điều kiện hưởng chế độ này phải nộp văn bản đề nghị hưởng trợ cấp tại UBND cấp xã.','national-catalog-2026-07 catalog.jsonl (code 1.014027); search pages corpus, dantri.com.vn',NULL,54,'in_person','UBND xã nơi cư trú',28,170);
INSERT INTO "kb_channel" VALUES('unknown',NULL,'UBND xã nơi cư trú hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,1,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',128,'where[1]',NULL,NULL,NULL,55,'online',NULL,28,167);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tro_cap_xa_hoi.yml',102,'where[0]',NULL,NULL,NULL,56,'in_person','Bộ phận một cửa UBND xã nơi cư trú (nộp cho Chủ tịch UBND xã)',29,173);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-11-25',NULL,'2026-04-22',0,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',88,'where[0]',NULL,NULL,NULL,57,'in_person','Bộ phận một cửa UBND xã nơi thường trú',30,177);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01','2026-04-23',NULL,1,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',92,'where[1]','Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch tại cơ quan đăng ký hộ tịch nơi cư trú; nơi cư trú của cá nhân được xác định theo quy định của pháp luật về cư trú. Trường hợp cá nhân lựa chọn thực hiện thủ tục hành chính về hộ tịch không phải tại Ủy ban nhân dân cấp xã nơi thường trú hoặc nơi tạm trú thì Ủy ban nhân dân cấp xã nơi tiếp nhận yêu cầu có trách nhiệm hỗ trợ người dân nộp hồ sơ đăng ký hộ tịch trực tuyến đến đúng cơ quan có thẩm quyền theo quy định.','VoidKeishi/OpenGOV backend/data/crawl/details/1.004873.json',NULL,58,'in_person','Trung tâm Phục vụ hành chính công (bộ phận một cửa) UBND xã nơi bạn thường trú hoặc tạm trú',30,178);
INSERT INTO "kb_channel" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',99,'where[2]','Nếu lựa chọn hình thức nộp hồ sơ trực tuyến, người yêu cầu cấp Giấy xác nhận tình trạng hôn nhân truy cập Cổng dịch vụ công quốc gia hoặc Ứng dụng định danh quốc gia.','VoidKeishi/OpenGOV backend/data/crawl/details/1.004873.json',NULL,59,'online','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID',30,178);
CREATE TABLE kb_commune (
	id INTEGER NOT NULL, 
	"key" VARCHAR(64) NOT NULL, 
	name TEXT NOT NULL, 
	province TEXT, 
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	source_id INTEGER, 
	verified_on DATE, 
	src_file TEXT, 
	src_line INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE ("key"), 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_commune" VALUES(1,'dai_dien','xã Đại Điền','tỉnh Vĩnh Long','known',NULL,182,'2026-12-01','knowledge/data/places/vinh_long_thanh_phu.yml',25);
INSERT INTO "kb_commune" VALUES(2,'quoi_dien','xã Quới Điền','tỉnh Vĩnh Long','known',NULL,183,'2026-12-01','knowledge/data/places/vinh_long_thanh_phu.yml',35);
INSERT INTO "kb_commune" VALUES(3,'thanh_phu','xã Thạnh Phú','tỉnh Vĩnh Long','known',NULL,184,'2026-12-01','knowledge/data/places/vinh_long_thanh_phu.yml',45);
INSERT INTO "kb_commune" VALUES(4,'an_qui','xã An Qui','tỉnh Vĩnh Long','known',NULL,185,'2026-12-01','knowledge/data/places/vinh_long_thanh_phu.yml',55);
INSERT INTO "kb_commune" VALUES(5,'thanh_hai','xã Thạnh Hải','tỉnh Vĩnh Long','known',NULL,186,'2026-12-01','knowledge/data/places/vinh_long_thanh_phu.yml',66);
INSERT INTO "kb_commune" VALUES(6,'thanh_phong','xã Thạnh Phong','tỉnh Vĩnh Long','known',NULL,187,'2026-12-01','knowledge/data/places/vinh_long_thanh_phu.yml',76);
CREATE TABLE kb_deadline (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	text TEXT, 
	days INTEGER, 
	day_unit TEXT, 
	counted_from TEXT, 
	late_text TEXT, 
	late_source TEXT, 
	late_quote TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_deadline" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/gia_han_tam_tru.yml',47,'deadlines[0]','Trong thời hạn 15 ngày trước ngày kết thúc thời hạn tạm trú đã đăng ký, công dân phải làm thủ tục gia hạn tạm trú.','national-catalog-2026-07 details/1.002755.json (requirementsAndConditions); phucbeo223/Local-Project-For-Student-Room Data/residence/Luat-68-2020-QH14-doi-chieu-20261003.md',NULL,1,'Phải làm thủ tục gia hạn trong 15 ngày trước ngày hết thời hạn tạm trú đã đăng ký',15,'ngày','trước ngày kết thúc thời hạn tạm trú đã đăng ký',NULL,NULL,NULL,10,56);
INSERT INTO "kb_deadline" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh.yml',110,'deadlines[0]','Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con; trường hợp cha, mẹ không thể đăng ký khai sinh cho con thì ông hoặc bà hoặc người thân thích khác hoặc cá nhân, tổ chức đang nuôi dưỡng trẻ em có trách nhiệm đăng ký khai sinh cho trẻ em.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,2,'Cha hoặc mẹ phải đăng ký khai sinh cho con trong 60 ngày kể từ ngày sinh (cha mẹ không làm được thì ông, bà, người thân hoặc người đang nuôi dưỡng trẻ làm).',60,'ngày','ngày sinh','Quá 60 ngày thì không còn được miễn lệ phí (Luật chỉ miễn khi đăng ký đúng hạn); lệ phí do HĐND tỉnh quy định, mức của Vĩnh Long chưa có. Người thuộc gia đình có công, hộ nghèo, người khuyết tật vẫn được miễn.','Luật Hộ tịch 60/2014/QH13, Điều 11 khoản 1','1. Miễn lệ phí đăng ký hộ tịch trong những trường hợp sau: a) Đăng ký hộ tịch cho người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật; b) Đăng ký khai sinh, khai tử đúng hạn, giám hộ, kết hôn của công dân Việt Nam cư trú ở trong nước.',18,114);
INSERT INTO "kb_deadline" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_tu.yml',96,'deadlines[0]','Trong thời hạn 15 ngày kể từ ngày có người chết thì vợ, chồng hoặc con, cha, mẹ hoặc người thân thích khác của người chết có trách nhiệm đi đăng ký khai tử; trường hợp người chết không có người thân thích thì đại diện của cơ quan, tổ chức, cá nhân liên quan có trách nhiệm đi khai tử.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,3,'Vợ, chồng, con, cha, mẹ hoặc người thân phải đăng ký khai tử trong 15 ngày kể từ ngày người đó mất.',15,'ngày','ngày có người chết','Quá 15 ngày thì không còn được miễn lệ phí (Luật chỉ miễn khi đăng ký đúng hạn); lệ phí do HĐND tỉnh quy định, mức của Vĩnh Long chưa có.','Luật Hộ tịch 60/2014/QH13, Điều 11 khoản 1','b) Đăng ký khai sinh, khai tử đúng hạn, giám hộ, kết hôn của công dân Việt Nam cư trú ở trong nước.',21,124);
CREATE TABLE kb_district_commune (
	district_id INTEGER NOT NULL, 
	commune_id INTEGER NOT NULL, 
	PRIMARY KEY (district_id, commune_id), 
	FOREIGN KEY(district_id) REFERENCES kb_old_district (id) ON DELETE CASCADE, 
	FOREIGN KEY(commune_id) REFERENCES kb_commune (id) ON DELETE CASCADE
);
INSERT INTO "kb_district_commune" VALUES(1,1);
INSERT INTO "kb_district_commune" VALUES(1,2);
INSERT INTO "kb_district_commune" VALUES(1,3);
INSERT INTO "kb_district_commune" VALUES(1,4);
INSERT INTO "kb_district_commune" VALUES(1,5);
INSERT INTO "kb_district_commune" VALUES(1,6);
CREATE TABLE kb_eligibility (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	text TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cai_chinh_ho_tich.yml',76,'eligibility[0]','1. Thay đổi họ, chữ đệm và tên của cá nhân trong nội dung khai sinh đã đăng ký khi có căn cứ theo quy định của pháp luật dân sự.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,1,'Thay đổi họ, chữ đệm và tên của cá nhân trong nội dung khai sinh đã đăng ký khi có căn cứ theo quy định của pháp luật dân sự.',2,12);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/cai_chinh_ho_tich.yml',81,'eligibility[1]','nếu thấy việc thay đổi, cải chính hộ tịch là có cơ sở, phù hợp với quy định của pháp luật dân sự và pháp luật có liên quan, công chức tư pháp - hộ tịch ghi vào Sổ hộ tịch','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,2,'Thay đổi, cải chính chỉ được ghi khi công chức tư pháp - hộ tịch thấy việc đó có cơ sở, phù hợp với pháp luật dân sự; người yêu cầu phải nộp giấy tờ làm căn cứ.',2,8);
INSERT INTO "kb_eligibility" VALUES('unknown',NULL,'công chức tư pháp - hộ tịch UBND xã','2026-12-01',NULL,NULL,2,'knowledge/data/procedures/cai_chinh_ho_tich.yml',86,'eligibility[2]',NULL,NULL,NULL,3,'Điều kiện chi tiết (ví dụ sự đồng ý của người được thay đổi tên từ một độ tuổi nhất định) do Nghị định 123/2015/NĐ-CP quy định, chưa được đọc.',2,13);
INSERT INTO "kb_eligibility" VALUES('unverified','Lời văn gốc năm 2008; Luật đã được sửa đổi sau đó.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cap_lai_the_bhyt.yml',49,'eligibility[0]','1. Thẻ bảo hiểm y tế được cấp lại trong trường hợp bị mất.','diepxuan/diepxuan.github.io van-ban/bao-hiem/bao-hiem-y-te.md',NULL,4,'Cấp lại khi thẻ bị mất; đổi thẻ khi thẻ rách, nát, hỏng, khi đổi nơi đăng ký khám chữa bệnh ban đầu, hoặc khi thông tin trên thẻ không đúng',4,32);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',48,'eligibility[0]','Mẫu hộ tịch điện tử tương tác đăng ký lại khai sinh, trong đó có cam đoan các thông tin cung cấp là đúng sự thật, không còn bản chính Giấy khai sinh, đã nộp đủ các giấy tờ hiện có và chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình','national-catalog-2026-07 details/1.004884.json',NULL,5,'Người yêu cầu cam đoan không còn bản chính Giấy khai sinh và đã nộp đủ giấy tờ mình có',7,41);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',52,'eligibility[1]','Nếu việc đăng ký lại khai sinh được thực hiện tại Ủy ban nhân dân cấp xã không phải là nơi đã đăng ký khai sinh trước đây thì công chức tư pháp - hộ tịch thực hiện tra cứu thông tin về việc đăng ký khai sinh trước đây của người yêu cầu trên Cơ sở dữ liệu hộ tịch điện tử thông qua nghiệp vụ cấp bản sao, kết quả tra cứu là căn cứ xác định đủ điều kiện hoặc không đủ điều kiện đăng ký lại.','national-catalog-2026-07 details/1.004884.json',NULL,6,'Làm ở xã khác nơi đã khai sinh trước đây thì xã tra cứu cơ sở dữ liệu hộ tịch điện tử; kết quả tra cứu quyết định có đủ điều kiện đăng ký lại hay không',7,41);
INSERT INTO "kb_eligibility" VALUES('unknown',NULL,'công chức tư pháp - hộ tịch UBND xã','2026-12-01',NULL,NULL,2,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',56,'eligibility[2]',NULL,NULL,NULL,7,'Các điều kiện khác (ví dụ việc khai sinh cũ phải đăng ký trước một mốc thời gian, sổ hộ tịch không còn lưu) do Nghị định 123/2015/NĐ-CP quy định, chưa được đọc.',7,13);
INSERT INTO "kb_eligibility" VALUES('known','Bản chép của một dự án công khai, ghi là đã đối chiếu ảnh văn bản gốc.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/gia_han_tam_tru.yml',56,'eligibility[0]','2. Thời hạn tạm trú tối đa là 02 năm và có thể tiếp tục gia hạn nhiều lần.','phucbeo223/Local-Project-For-Student-Room Data/residence/Luat-68-2020-QH14-doi-chieu-20261003.md',NULL,8,'Người đang tạm trú được gia hạn nhiều lần; mỗi thời hạn tạm trú tối đa 02 năm',10,57);
INSERT INTO "kb_eligibility" VALUES('unverified','Nội dung Điều 50 chưa trích đủ; hỏi UBND xã.',NULL,'2026-11-25','2026-07-01',NULL,0,'knowledge/data/procedures/giay_phep_xay_dung.yml',168,'eligibility[0]',NULL,NULL,NULL,9,'Được cấp phép khi có giấy tờ hợp pháp về đất đai và công trình phù hợp quy hoạch, đáp ứng điều kiện cấp giấy phép xây dựng mới (Điều 50 Nghị định 217/2026/NĐ-CP).',12,74);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_chieu.yml',185,'eligibility[0]','Công dân Việt Nam được xem xét cấp hộ chiếu phổ thông trừ trường hợp quy định tại Điều 21 của Luật này. … 2. Người bị tạm hoãn xuất cảnh, trừ trường hợp quy định tại khoản 12 Điều 37 của Luật này.','diepxuan/diepxuan.github.io van-ban/an-ninh-quoc-gia/xuat-canh-nhap-canh-cua-cong-dan-viet-nam.md',NULL,10,'Công dân Việt Nam được xem xét cấp hộ chiếu phổ thông, trừ người bị tạm hoãn xuất cảnh, người chưa chấp hành quyết định xử phạt vi phạm hành chính về xuất nhập cảnh, hoặc vì lý do quốc phòng, an ninh (Điều 21).',13,89);
INSERT INTO "kb_eligibility" VALUES('unknown',NULL,'UBND xã (công chức văn hóa - xã hội) hoặc trưởng ấp','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_ngheo.yml',57,'eligibility[0]',NULL,NULL,NULL,11,'Tiêu chí hộ nghèo, hộ cận nghèo (chuẩn nghèo đa chiều) đang áp dụng chưa được đọc',15,92);
INSERT INTO "kb_eligibility" VALUES('unverified','Lời văn năm 2021; Nghị định 76/2024/NĐ-CP đã sửa đổi Nghị định 20/2021 mà chưa đọc được.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_tro_mai_tang.yml',41,'eligibility[0]','1. Những đối tượng sau đây khi chết được hỗ trợ chi phí mai táng:','diepxuan/diepxuan.github.io van-ban/chinh-sach-xa-hoi/chinh-sach-tro-giup-xa-hoi-doi-voi-doi-tuong-bao-tro-xa-hoi.md',NULL,12,'Người khi mất được hỗ trợ: người đang hưởng trợ cấp xã hội hằng tháng; con của người đơn thân nghèo đang nuôi con; người từ đủ 80 tuổi đang hưởng trợ cấp tuất bảo hiểm xã hội hằng tháng, trợ cấp hằng tháng khác',16,100);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ket_hon.yml',97,'eligibility[0]','1. Nam, nữ kết hôn với nhau phải tuân theo các điều kiện sau đây: a) Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; b) Việc kết hôn do nam và nữ tự nguyện quyết định; c) Không bị mất năng lực hành vi dân sự; d) Việc kết hôn không thuộc một trong các trường hợp cấm kết hôn theo quy định tại các điểm a, b, c và d khoản 2 Điều 5 của Luật này. 2. Nhà nước không thừa nhận hôn nhân giữa những người cùng giới tính.','diepxuan/diepxuan.github.io van-ban/dan-so-gia-dinh-tre-em-binh-dang-gioi/hon-nhan-va-gia-dinh.md',NULL,13,'Được đăng ký kết hôn khi nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; hai người tự nguyện; không bị mất năng lực hành vi dân sự; không thuộc trường hợp cấm kết hôn (ví dụ đang có vợ hoặc chồng; cùng dòng máu trực hệ hoặc họ trong phạm vi ba đời). Nhà nước không thừa nhận hôn nhân cùng giới.',17,110);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',51,'eligibility[0]','Văn bản cam đoan của người yêu cầu về việc chưa được đăng ký khai sinh.','national-catalog-2026-07 details/1.004772.json',NULL,14,'Người yêu cầu cam đoan mình chưa được đăng ký khai sinh và nộp đủ giấy tờ cá nhân mình có',19,115);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,0,'knowledge/data/procedures/ly_lich_tu_phap.yml',177,'eligibility[0]','a) Trường hợp yêu cầu cấp Phiếu lý lịch tư pháp cho cha, mẹ, vợ, chồng, con của mình hoặc người mà mình giám hộ, hồ sơ yêu cầu cấp Phiếu lý lịch tư pháp thực hiện theo quy định tại khoản 1 Điều này; b) Trường hợp yêu cầu cấp Phiếu lý lịch tư pháp cho người khác (không phải là cha, mẹ, vợ, chồng, con của mình hoặc người mà mình giám hộ), hồ sơ gồm: các giấy tờ được quy định tại điểm b hoặc điểm c khoản 1 Điều này và văn bản ủy quyền được công chứng hoặc chứng thực theo quy định của pháp luật.','diepxuan/diepxuan.github.io van-ban/tu-phap-thi-hanh-an/nghi-dinh-216-2026-nd-cp-ly-lich-tu-phap.md',NULL,15,'Bạn xin được Phiếu cho chính mình, và cho cha, mẹ, vợ, chồng, con hoặc người bạn giám hộ với cùng hồ sơ; xin cho người khác thì phải có văn bản ủy quyền được công chứng hoặc chứng thực.',22,136);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/nhan_cha_me_con.yml',42,'eligibility[0]','Khi đăng ký nhận cha, mẹ, con các bên phải có mặt.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,16,'Các bên (người nhận và người được nhận) phải có mặt khi đăng ký',23,142);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/nhan_cha_me_con.yml',46,'eligibility[1]','nếu thấy việc nhận cha, mẹ, con là đúng và không có tranh chấp, công chức tư pháp - hộ tịch ghi vào Sổ hộ tịch','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,17,'Chỉ đăng ký khi việc nhận cha, mẹ, con là đúng và không có tranh chấp',23,140);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tach_ho.yml',47,'eligibility[0]','Thành viên hộ gia đình được tách hộ để đăng ký thường trú tại cùng một nơi thường trú phải có năng lực hành vi dân sự đầy đủ; trường hợp có nhiều thành viên cùng đăng ký tách hộ để lập thành một hộ gia đình mới thì trong số các thành viên đó có ít nhất một người có năng lực hành vi dân sự đầy đủ.','national-catalog-2026-07 details/1.010038.json (requirementsAndConditions)',NULL,18,'Người tách hộ phải có năng lực hành vi dân sự đầy đủ; nhiều người cùng tách để lập hộ mới thì ít nhất một người có năng lực hành vi dân sự đầy đủ',24,143);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/tach_ho.yml',51,'eligibility[1]','Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA), trong đó ghi rõ ý kiến đồng ý cho tách hộ của chủ hộ, chủ sở hữu chỗ ở hợp pháp, trừ trường hợp đã có ý kiến đồng ý bằng văn bản.','national-catalog-2026-07 details/1.010038.json',NULL,19,'Cần chủ hộ và chủ sở hữu chỗ ở hợp pháp đồng ý cho tách hộ (ghi trong tờ khai CT01), trừ vợ, chồng đã ly hôn mà vẫn được ở chỗ ở đó',24,143);
INSERT INTO "kb_eligibility" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/trich_luc_ho_tich.yml',118,'eligibility[0]','Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền thực hiện yêu cầu cấp bản sao Trích lục hộ tịch. Trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền thì văn bản ủy quyền không phải chứng thực.','VoidKeishi/OpenGOV backend/data/crawl/details/2.000635.json',NULL,20,'Ai cũng xin được bản sao trích lục về việc hộ tịch của mình, ở bất kỳ đâu, không phụ thuộc nơi cư trú. Nhờ người khác xin thay thì cần văn bản ủy quyền; người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột thì văn bản ủy quyền không phải chứng thực.',27,164);
INSERT INTO "kb_eligibility" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',48,'eligibility[0]','Thứ nhất là người từ đủ 75 tuổi trở lên, đồng thời không hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng (hoặc đang hưởng lương hưu, trợ cấp bảo hiểm xã hội hằng tháng nhưng mức hưởng thấp hơn mức trợ cấp hưu trí xã hội).','search pages corpus, dantri.com.vn (bài ngày 10/11/2025)','{"groups": ["nguoi_cao_tuoi"]}',21,'Từ đủ 75 tuổi, không hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng (hoặc đang hưởng nhưng thấp hơn mức trợ cấp hưu trí xã hội)',28,172);
INSERT INTO "kb_eligibility" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',55,'eligibility[1]','Thứ hai là người thuộc hộ nghèo, hộ cận nghèo từ đủ 70 tuổi đến dưới 75 tuổi.','search pages corpus, dantri.com.vn (bài ngày 10/11/2025)','{"groups": ["ho_ngheo", "can_ngheo", "nguoi_cao_tuoi"]}',22,'Từ đủ 70 đến dưới 75 tuổi nếu thuộc hộ nghèo hoặc hộ cận nghèo',28,172);
INSERT INTO "kb_eligibility" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',62,'eligibility[2]','Tuy nhiên, để được hưởng trợ cấp hưu trí xã hội, người có đủ điều kiện hưởng chế độ này phải nộp văn bản đề nghị hưởng trợ cấp tại UBND cấp xã.','search pages corpus, dantri.com.vn (bài ngày 10/11/2025)',NULL,23,'Phải nộp văn bản đề nghị hưởng trợ cấp tại UBND xã (không tự động được hưởng)',28,172);
CREATE TABLE kb_fee (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	"case" TEXT, 
	amount INTEGER, 
	per TEXT, 
	max_amount INTEGER, 
	online_amount INTEGER, 
	exemptions TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/bhyt_tre_em.yml',62,'fees[0]',NULL,NULL,NULL,1,'Thẻ BHYT trẻ dưới 6 tuổi (Nhà nước đóng) và nhóm thủ tục liên thông',0,NULL,NULL,NULL,NULL,1,2);
INSERT INTO "kb_fee" VALUES('unknown','Mức lệ phí do HĐND tỉnh quyết định; chưa có văn bản của tỉnh Vĩnh Long.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cai_chinh_ho_tich.yml',139,'fees[0]','Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định.','national-catalog-2026-07 details/1.004859.json',NULL,2,'Lệ phí thay đổi, cải chính, bổ sung hộ tịch',NULL,NULL,NULL,NULL,NULL,2,6);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/cai_chinh_ho_tich.yml',147,'fees[1]','a) Đăng ký hộ tịch cho người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật;','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md','{"groups": ["nguoi_co_cong", "ho_ngheo", "nguoi_khuyet_tat"]}',3,'Người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật',0,NULL,NULL,NULL,NULL,2,7);
INSERT INTO "kb_fee" VALUES('unverified',NULL,NULL,'2026-11-25',NULL,'2024-12-31',0,'knowledge/data/procedures/can_cuoc.yml',104,'fees[0]',NULL,NULL,NULL,4,'Đổi CCCD sang thẻ căn cước',15000,NULL,NULL,15000,NULL,3,18);
INSERT INTO "kb_fee" VALUES('unverified',NULL,NULL,'2026-11-25',NULL,'2024-12-31',1,'knowledge/data/procedures/can_cuoc.yml',110,'fees[1]',NULL,NULL,NULL,5,'Cấp đổi thẻ',25000,NULL,NULL,25000,NULL,3,18);
INSERT INTO "kb_fee" VALUES('unverified',NULL,NULL,'2026-11-25',NULL,'2024-12-31',2,'knowledge/data/procedures/can_cuoc.yml',116,'fees[2]',NULL,NULL,NULL,6,'Cấp lại (mất, hỏng)',35000,NULL,NULL,35000,NULL,3,18);
INSERT INTO "kb_fee" VALUES('unverified',NULL,NULL,'2026-11-25','2025-01-01','2025-06-30',3,'knowledge/data/procedures/can_cuoc.yml',123,'fees[3]',NULL,NULL,NULL,7,'Đổi CCCD sang thẻ căn cước',30000,NULL,NULL,15000,NULL,3,18);
INSERT INTO "kb_fee" VALUES('unverified',NULL,NULL,'2026-11-25','2025-01-01','2025-06-30',4,'knowledge/data/procedures/can_cuoc.yml',130,'fees[4]',NULL,NULL,NULL,8,'Cấp đổi thẻ',50000,NULL,NULL,25000,NULL,3,18);
INSERT INTO "kb_fee" VALUES('unverified',NULL,NULL,'2026-11-25','2025-01-01','2025-06-30',5,'knowledge/data/procedures/can_cuoc.yml',137,'fees[5]',NULL,NULL,NULL,9,'Cấp lại (mất, hỏng)',70000,NULL,NULL,35000,NULL,3,18);
INSERT INTO "kb_fee" VALUES('known','Bản OCR của Nghị quyết xen cột bảng; câu trích là các đoạn nguyên văn của bản OCR, nối bằng "…". Ngày bắt đầu 01/07/2025 theo kiểm toán (nguồn phụ S21).',NULL,'2026-12-01','2025-07-01','2026-12-31',6,'knowledge/data/procedures/can_cuoc.yml',145,'fees[6]','Theo quy định hiện … hành (đang áp dụng … giảm 50% đến hết | … 31/12/2026): … - Cấp đổi từ thẻ | … CCCD sang thẻ căn | … CƯỚC: 15.000đ/thẻ | … (mức gốc 30.000đ).','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,10,'Đổi CCCD sang thẻ căn cước',15000,NULL,NULL,NULL,NULL,3,19);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2025-07-01','2026-12-31',7,'knowledge/data/procedures/can_cuoc.yml',154,'fees[7]','- Cấp đổi (trường hợp ! … khác): 25.000đ/thẻ | … (mức gốc 50.000đ).','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,11,'Cấp đổi thẻ',25000,NULL,NULL,NULL,NULL,3,19);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2025-07-01','2026-12-31',8,'knowledge/data/procedures/can_cuoc.yml',162,'fees[8]','- Cấp lại: 35.000đ/thẻ | … (mức gốc 70.000đ).','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,12,'Cấp lại (mất, hỏng)',35000,NULL,NULL,NULL,NULL,3,19);
INSERT INTO "kb_fee" VALUES('known','Mức gốc áp dụng lại khi đợt giảm 50% hết hạn (31/12/2026), trừ khi có văn bản gia hạn.',NULL,'2026-12-01','2027-01-01',NULL,9,'knowledge/data/procedures/can_cuoc.yml',171,'fees[9]','- Cấp đổi từ thẻ | … CCCD sang thẻ căn | … CƯỚC: 15.000đ/thẻ | … (mức gốc 30.000đ).','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,13,'Đổi CCCD sang thẻ căn cước',30000,NULL,NULL,NULL,NULL,3,20);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2027-01-01',NULL,10,'knowledge/data/procedures/can_cuoc.yml',179,'fees[10]','- Cấp đổi (trường hợp ! … khác): 25.000đ/thẻ | … (mức gốc 50.000đ).','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,14,'Cấp đổi thẻ',50000,NULL,NULL,NULL,NULL,3,20);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2027-01-01',NULL,11,'knowledge/data/procedures/can_cuoc.yml',186,'fees[11]','- Cấp lại: 35.000đ/thẻ | … (mức gốc 70.000đ).','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,15,'Cấp lại (mất, hỏng)',70000,NULL,NULL,NULL,NULL,3,20);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2026-08-15','2027-02-28',12,'knowledge/data/procedures/can_cuoc.yml',194,'fees[12]','Từ ngày 15 tháng 8 năm 2026 đến hết ngày 28 tháng 02 năm 2027, công dân Việt Nam có tài khoản định danh điện tử mức độ 2, đáp ứng các điều kiện quy định tại khoản 1 Điều 5 Nghị quyết số 66.22/2026/NQ-CP được miễn, giảm một số khoản phí, lệ phí ... 4. Miễn lệ phí cấp đổi, cấp lại thẻ căn cước quy định tại khoản 1 Điều 4 Thông tư số 73/2024/TT-BTC','diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','{"channel": "trực tuyến", "cong_dan_so": true}',16,'cấp đổi, cấp lại',0,NULL,NULL,NULL,NULL,3,21);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,13,'knowledge/data/procedures/can_cuoc.yml',203,'fees[13]',NULL,NULL,NULL,17,'Cấp lần đầu; đổi khi đủ 14, 25, 40, 60 tuổi',0,NULL,NULL,NULL,NULL,3,22);
INSERT INTO "kb_fee" VALUES('unverified','Mới thấy ở bản đọc (nguồn phụ) Quyết định 5230/QĐ-BCA; chưa đọc văn bản gốc.',NULL,'2026-11-25',NULL,NULL,14,'knowledge/data/procedures/can_cuoc.yml',206,'fees[14]',NULL,NULL,NULL,18,'Đổi do sắp xếp đơn vị hành chính',0,NULL,NULL,NULL,NULL,3,23);
INSERT INTO "kb_fee" VALUES('unknown','Lời văn gốc Luật năm 2008 nói người được cấp lại thẻ phải nộp phí do Bộ Tài chính quy định (không thu nếu lỗi do cơ quan bảo hiểm hoặc nơi lập danh sách); chưa đọc được quy định hiện hành về phí.','cơ quan bảo hiểm xã hội hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cap_lai_the_bhyt.yml',89,'fees[0]','4. Người được cấp lại thẻ bảo hiểm y tế phải nộp phí. Bộ trưởng Bộ Tài chính quy định mức phí cấp lại thẻ bảo hiểm y tế. Trường hợp lỗi do tổ chức bảo hiểm y tế hoặc cơ quan lập danh sách thì người được cấp lại thẻ bảo hiểm y tế không phải nộp phí.','diepxuan/diepxuan.github.io van-ban/bao-hiem/bao-hiem-y-te.md',NULL,19,'Phí cấp lại, đổi thẻ bảo hiểm y tế',NULL,NULL,NULL,NULL,NULL,4,30);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_ban_sao.yml',59,'fees[0]',NULL,NULL,NULL,20,'Trang 1 và trang 2',2000,'trang',NULL,NULL,NULL,5,35);
INSERT INTO "kb_fee" VALUES('known','Tối đa 200.000 đồng mỗi bản.',NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/chung_thuc_ban_sao.yml',63,'fees[1]',NULL,NULL,NULL,21,'Từ trang thứ 3 trở đi',1000,'trang',200000,NULL,NULL,5,35);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_chu_ky.yml',55,'fees[0]',NULL,NULL,NULL,22,'Chứng thực chữ ký',10000,'trường hợp',NULL,NULL,NULL,6,35);
INSERT INTO "kb_fee" VALUES('unknown','Mức lệ phí do HĐND tỉnh quyết định; chưa có văn bản của tỉnh Vĩnh Long. Xin thêm bản sao Giấy khai sinh thì nộp phí bản sao theo Thông tư 281/2016/TT-BTC.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',113,'fees[0]','Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định.','national-catalog-2026-07 details/1.004884.json',NULL,23,'Lệ phí đăng ký lại khai sinh',NULL,NULL,NULL,NULL,NULL,7,42);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',120,'fees[1]','a) Đăng ký hộ tịch cho người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật;','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md','{"groups": ["nguoi_co_cong", "ho_ngheo", "nguoi_khuyet_tat"]}',24,'Người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật',0,NULL,NULL,NULL,NULL,7,7);
INSERT INTO "kb_fee" VALUES('unknown','Nghị quyết 66.22/2026/NQ-CP (Phụ lục II) giao HĐND tỉnh quy định miễn lệ phí đăng ký lại khai sinh cho công dân số; chưa thấy nghị quyết của HĐND tỉnh Vĩnh Long.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-12-01','2026-08-15',NULL,2,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',127,'fees[2]','3. Việc miễn lệ phí hộ tịch và miễn phí thẩm định hồ sơ cấp giấy chứng nhận quyền sử dụng đất đối với các thủ tục đăng ký cấp lại Giấy chứng nhận quyền sử dụng đất hoặc đăng ký biến động đất đai tại địa phương thực hiện theo quy định tại Nghị quyết số 66.22/2026/NQ-CP.','diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','{"channel": "trực tuyến", "cong_dan_so": true}',25,'Lệ phí đăng ký lại khai sinh khi nộp trực tuyến',NULL,NULL,NULL,NULL,NULL,7,43);
INSERT INTO "kb_fee" VALUES('unknown','Lệ phí cấp Giấy chứng nhận do HĐND tỉnh quy định; còn có thể có tiền sử dụng đất, lệ phí trước bạ. Chưa có số liệu của tỉnh Vĩnh Long.','bộ phận một cửa UBND xã hoặc Văn phòng đăng ký đất đai','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/dat_dai_lan_dau.yml',67,'fees[0]',NULL,NULL,NULL,26,'Lệ phí và các khoản phải nộp khi cấp sổ đỏ',NULL,NULL,NULL,NULL,NULL,8,NULL);
INSERT INTO "kb_fee" VALUES('unknown','Mức thu theo Thông tư 154/2025/TT-BTC (Số TT 2 Biểu mức thu), chưa đọc văn bản.','Công an xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/doi_gplx.yml',66,'fees[0]',NULL,NULL,NULL,27,'Lệ phí đổi, cấp lại giấy phép lái xe',NULL,NULL,NULL,NULL,NULL,9,50);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2026-08-15','2027-02-28',1,'knowledge/data/procedures/doi_gplx.yml',71,'fees[1]','6. Miễn lệ phí cấp bằng, chứng chỉ được hoạt động trên các loại phương tiện giao thông đường bộ đối với các trường hợp đổi, cấp lại giấy phép lái xe (quốc gia và quốc tế) quy định tại Số TT 2 Biểu mức thu phí, lệ phí ban hành kèm theo Thông tư số 154/2025/TT-BTC','diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','{"channel": "trực tuyến", "cong_dan_so": true}',28,'Đổi, cấp lại giấy phép lái xe (trong nước và quốc tế)',0,NULL,NULL,NULL,NULL,9,51);
INSERT INTO "kb_fee" VALUES('known','Mức 15.000 đồng khi nộp trực tiếp là giá trị 15000 ở mục nộp trực tiếp của bản ghi quốc gia (mục này không có câu mô tả). Ai thuộc diện miễn theo Điều 4 Thông tư 75/2022/TT-BTC thì xuất trình giấy tờ chứng minh, trừ khi thông tin đã có trong cơ sở dữ liệu.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/gia_han_tam_tru.yml',96,'fees[0]','- Gia hạn tạm trú (cá nhân, hộ gia đình): + Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 7.000 đồng/lần đăng ký.','national-catalog-2026-07 details/1.002755.json',NULL,29,'Gia hạn tạm trú (cá nhân, hộ gia đình)',15000,NULL,NULL,7000,NULL,10,53);
INSERT INTO "kb_fee" VALUES('known','Mức 5.000 đồng khi nộp trực tuyến là giá trị 5000 ở mục nộp trực tuyến của bản ghi quốc gia.',NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/gia_han_tam_tru.yml',103,'fees[1]','- Gia hạn tạm trú theo danh sách: + Trường hợp công dân nộp hồ sơ trực tiếp thu 10.000 đồng/người/lần đăng ký;','national-catalog-2026-07 details/1.002755.json',NULL,30,'Gia hạn tạm trú theo danh sách',10000,'người',NULL,5000,NULL,10,53);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2026-08-15','2027-02-28',2,'knowledge/data/procedures/gia_han_tam_tru.yml',111,'fees[2]','3. Miễn lệ phí đăng ký cư trú quy định tại Biểu mức thu lệ phí đăng ký cư trú ban hành kèm theo Thông tư số 75/2022/TT-BTC quy định mức thu, chế độ thu, nộp và quản lý lệ phí đăng ký cư trú.','diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','{"channel": "trực tuyến", "cong_dan_so": true}',31,'Gia hạn tạm trú (cá nhân, hộ gia đình, theo danh sách)',0,NULL,NULL,NULL,NULL,10,54);
INSERT INTO "kb_fee" VALUES('known','Xin thêm bản sao Trích lục đăng ký giám hộ thì nộp phí bản sao theo Thông tư 281/2016/TT-BTC.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/giam_ho.yml',88,'fees[0]','b) Đăng ký khai sinh, khai tử đúng hạn, giám hộ, kết hôn của công dân Việt Nam cư trú ở trong nước.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,32,'Đăng ký giám hộ (công dân Việt Nam cư trú trong nước)',0,NULL,NULL,NULL,NULL,11,62);
INSERT INTO "kb_fee" VALUES('unknown','Mức lệ phí do HĐND tỉnh quy định; mức của tỉnh Vĩnh Long chưa được xác minh.','bộ phận một cửa UBND xã','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/giay_phep_xay_dung.yml',98,'fees[0]',NULL,NULL,NULL,33,'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ',NULL,NULL,NULL,NULL,NULL,12,69);
INSERT INTO "kb_fee" VALUES('unverified',NULL,NULL,'2026-11-25',NULL,'2025-06-30',0,'knowledge/data/procedures/ho_chieu.yml',92,'fees[0]',NULL,NULL,NULL,34,'Cấp hộ chiếu',200000,NULL,NULL,NULL,NULL,13,83);
INSERT INTO "kb_fee" VALUES('unverified',NULL,NULL,'2026-11-25',NULL,'2025-06-30',1,'knowledge/data/procedures/ho_chieu.yml',97,'fees[1]',NULL,NULL,NULL,35,'Cấp lại do bị mất hoặc hư hỏng',400000,NULL,NULL,NULL,NULL,13,83);
INSERT INTO "kb_fee" VALUES('unverified','Mức giảm 50% trước khi Thông tư 28/2026 có hiệu lực; ngày bắt đầu theo kiểm toán (nguồn phụ).',NULL,'2026-11-25','2025-07-01','2026-03-31',2,'knowledge/data/procedures/ho_chieu.yml',103,'fees[2]',NULL,NULL,NULL,36,'Cấp hộ chiếu',100000,NULL,NULL,NULL,NULL,13,84);
INSERT INTO "kb_fee" VALUES('unverified',NULL,NULL,'2026-11-25','2025-07-01','2026-03-31',3,'knowledge/data/procedures/ho_chieu.yml',110,'fees[3]',NULL,NULL,NULL,37,'Cấp lại do bị mất hoặc hư hỏng',200000,NULL,NULL,NULL,NULL,13,84);
INSERT INTO "kb_fee" VALUES('known','Bản OCR xen cột bảng; câu trích là các đoạn nguyên văn của bản OCR, nối bằng "…".',NULL,'2026-12-01','2026-04-01','2026-12-31',4,'knowledge/data/procedures/ho_chieu.yml',116,'fees[4]','giảm 50% theo Thông … tư 64/2025/TT-BTC … đến hếc 3112/2026 … hộ qhiếu: … 100.000đ (mức gốc … 200.000đ).','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,38,'Cấp hộ chiếu',100000,NULL,NULL,NULL,NULL,13,85);
INSERT INTO "kb_fee" VALUES('known','Bản OCR xen cột bảng và đọc sai (400.004 là 400.000đ); câu trích là các đoạn nguyên văn của bản OCR, nối bằng "…".',NULL,'2026-12-01','2026-04-01','2026-12-31',5,'knowledge/data/procedures/ho_chieu.yml',125,'fees[5]','Cấp lai hô chiếu đo … hông/mẤt: 200.000đ … (mức gốc 400.004).','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,39,'Cấp lại do bị mất hoặc hư hỏng',200000,NULL,NULL,NULL,NULL,13,85);
INSERT INTO "kb_fee" VALUES('known','Mức gốc áp dụng lại khi đợt giảm 50% hết hạn (31/12/2026), trừ khi có văn bản gia hạn.',NULL,'2026-12-01','2027-01-01',NULL,6,'knowledge/data/procedures/ho_chieu.yml',135,'fees[6]','hộ qhiếu: … 100.000đ (mức gốc … 200.000đ).','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,40,'Cấp hộ chiếu',200000,NULL,NULL,NULL,NULL,13,86);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2027-01-01',NULL,7,'knowledge/data/procedures/ho_chieu.yml',143,'fees[7]','Cấp lai hô chiếu đo … hông/mẤt: 200.000đ … (mức gốc 400.004).','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,41,'Cấp lại do bị mất hoặc hư hỏng',400000,NULL,NULL,NULL,NULL,13,86);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2026-08-15','2027-02-28',8,'knowledge/data/procedures/ho_chieu.yml',151,'fees[8]','8. Miễn lệ phí cấp hộ chiếu, giấy thông hành và giấy phép xuất cảnh quy định tại mục I Biểu mức thu phí, lệ phí ... ban hành kèm theo Thông tư số 28/2026/TT-BTC ... đối với các trường hợp như sau: a) Cấp hộ chiếu phổ thông trong nước theo quy định tại Số TT 1 mục I Biểu mức thu phí, lệ phí.','diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','{"channel": "trực tuyến", "cong_dan_so": true}',42,'cấp hộ chiếu phổ thông ở trong nước',0,NULL,NULL,NULL,NULL,13,87);
INSERT INTO "kb_fee" VALUES('unknown','Mức lệ phí do HĐND tỉnh quy định, chưa có số liệu của tỉnh Vĩnh Long.','bộ phận một cửa UBND xã','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_kinh_doanh.yml',48,'fees[0]',NULL,NULL,NULL,43,'Lệ phí đăng ký hộ kinh doanh',NULL,NULL,NULL,NULL,NULL,14,69);
INSERT INTO "kb_fee" VALUES('unknown',NULL,'UBND xã nơi cư trú','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_ngheo.yml',73,'fees[0]',NULL,NULL,NULL,44,NULL,NULL,NULL,NULL,NULL,NULL,15,92);
INSERT INTO "kb_fee" VALUES('unknown','Không có bản ghi chi tiết; chưa có văn bản nói về lệ phí của thủ tục này.','UBND xã','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_tro_mai_tang.yml',99,'fees[0]',NULL,NULL,NULL,45,NULL,NULL,NULL,NULL,NULL,NULL,16,93);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ket_hon.yml',67,'fees[0]',NULL,NULL,NULL,46,'Kết hôn của công dân Việt Nam cư trú ở trong nước',0,NULL,NULL,NULL,NULL,17,104);
INSERT INTO "kb_fee" VALUES('unknown','Mức lệ phí do HĐND tỉnh quy định, chưa có số liệu của tỉnh Vĩnh Long.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-11-25',NULL,NULL,1,'knowledge/data/procedures/ket_hon.yml',70,'fees[1]',NULL,NULL,NULL,47,'Kết hôn có yếu tố nước ngoài (nay do UBND xã giải quyết)',NULL,NULL,NULL,NULL,NULL,17,105);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_sinh.yml',72,'fees[0]',NULL,NULL,NULL,48,'Đăng ký khai sinh đúng hạn (trong 60 ngày kể từ ngày sinh)',0,NULL,NULL,NULL,NULL,18,104);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/khai_sinh.yml',75,'fees[1]','a) Đăng ký hộ tịch cho người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật;','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md','{"groups": ["nguoi_co_cong", "ho_ngheo", "nguoi_khuyet_tat"]}',49,'Người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật (cả khi đăng ký quá hạn)',0,NULL,NULL,NULL,NULL,18,7);
INSERT INTO "kb_fee" VALUES('unknown','Mức lệ phí do HĐND tỉnh quy định, chưa có số liệu của tỉnh Vĩnh Long.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-11-25',NULL,NULL,2,'knowledge/data/procedures/khai_sinh.yml',82,'fees[2]',NULL,NULL,NULL,50,'Đăng ký khai sinh quá hạn',NULL,NULL,NULL,NULL,NULL,18,69);
INSERT INTO "kb_fee" VALUES('unknown','Do HĐND tỉnh quyết định; chưa có văn bản của Vĩnh Long (kể cả mức miễn cho công dân số mà Nghị quyết 66.22/2026/NQ-CP giao HĐND tỉnh quy định).','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',108,'fees[0]','Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định.','national-catalog-2026-07 details/1.004772.json',NULL,51,'Lệ phí',NULL,NULL,NULL,NULL,NULL,19,116);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',115,'fees[1]','a) Đăng ký hộ tịch cho người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật;','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md','{"groups": ["nguoi_co_cong", "ho_ngheo", "nguoi_khuyet_tat"]}',52,'Người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật',0,NULL,NULL,NULL,NULL,19,7);
INSERT INTO "kb_fee" VALUES('unknown','Do HĐND tỉnh quyết định; chưa có văn bản của tỉnh Vĩnh Long.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',98,'fees[0]','Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định.','national-catalog-2026-07 details/1.000689.json',NULL,53,'Lệ phí',NULL,NULL,NULL,NULL,NULL,20,118);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',105,'fees[1]','a) Đăng ký hộ tịch cho người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật;','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md','{"groups": ["nguoi_co_cong", "ho_ngheo", "nguoi_khuyet_tat"]}',54,'Người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật',0,NULL,NULL,NULL,NULL,20,7);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_tu.yml',67,'fees[0]',NULL,NULL,NULL,55,'Đăng ký khai tử đúng hạn (trong 15 ngày kể từ ngày mất)',0,NULL,NULL,NULL,NULL,21,104);
INSERT INTO "kb_fee" VALUES('unknown','Mức lệ phí do HĐND tỉnh quy định, chưa có số liệu của tỉnh Vĩnh Long.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-11-25',NULL,NULL,1,'knowledge/data/procedures/khai_tu.yml',70,'fees[1]',NULL,NULL,NULL,56,'Đăng ký khai tử quá hạn',NULL,NULL,NULL,NULL,NULL,21,69);
INSERT INTO "kb_fee" VALUES('unverified','Mức 170.000 đồng nộp online không thấy trong nguồn lưu trữ nào.',NULL,'2026-11-25','2025-04-24','2025-12-31',0,'knowledge/data/procedures/ly_lich_tu_phap.yml',86,'fees[0]',NULL,NULL,NULL,57,'Phí cấp Phiếu lý lịch tư pháp',200000,NULL,NULL,170000,'trẻ em
người cao tuổi
người khuyết tật
người thuộc hộ nghèo
hộ cận nghèo
người cư trú ở xã đặc biệt khó khăn',22,130);
INSERT INTO "kb_fee" VALUES('unverified',NULL,NULL,'2026-11-25','2025-04-24','2025-12-31',1,'knowledge/data/procedures/ly_lich_tu_phap.yml',95,'fees[1]',NULL,NULL,NULL,58,'Học sinh, sinh viên, người có công với cách mạng',100000,NULL,NULL,80000,NULL,22,130);
INSERT INTO "kb_fee" VALUES('known','Số tiền 200.000 đồng/lần/người đọc ở bản OCR Nghị quyết 66.22 Phụ lục II (chữ bị nhiễu "200000810g"). Danh sách miễn phí ở fact riêng bên dưới.',NULL,'2026-12-01','2026-01-01',NULL,2,'knowledge/data/procedures/ly_lich_tu_phap.yml',102,'fees[2]','200000810g bạn','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md',NULL,59,'Phí cấp Phiếu lý lịch tư pháp',200000,NULL,NULL,NULL,NULL,22,131);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2026-01-01',NULL,3,'knowledge/data/procedures/ly_lich_tu_phap.yml',110,'fees[3]','- Đối với học sinh (từ | … đủ 16 tuổi trở lên), sinh | … viên,ngườicócông với | … cách mạng, thân nhân … liệt sỹ. nguời có công … nuôi liệt sỹ: 100.000đ/lần/người.','diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md','{"groups": ["hoc_sinh", "sinh_vien", "nguoi_co_cong", "than_nhan_liet_si"]}',60,'Học sinh (từ đủ 16 tuổi), sinh viên, người có công với cách mạng, thân nhân liệt sĩ, người có công nuôi liệt sĩ',100000,NULL,NULL,NULL,NULL,22,131);
INSERT INTO "kb_fee" VALUES('unverified','Danh sách theo dữ liệu cổng một cửa một tỉnh (nguồn phụ); chưa đọc Thông tư 16/2025. "Hộ cận nghèo" không thấy trong nguồn đó nên đã bỏ.',NULL,'2026-11-25','2026-01-01',NULL,4,'knowledge/data/procedures/ly_lich_tu_phap.yml',118,'fees[4]',NULL,NULL,'{"groups": ["tre_em", "nguoi_cao_tuoi", "nguoi_khuyet_tat", "ho_ngheo", "xa_dac_biet_kho_khan"]}',61,'miễn phí',0,NULL,NULL,NULL,NULL,22,130);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2026-08-15','2027-02-28',5,'knowledge/data/procedures/ly_lich_tu_phap.yml',125,'fees[5]','5. Miễn phí cung cấp thông tin lý lịch tư pháp quy định tại khoản 1 Điều 4 Thông tư số 16/2025/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp.','diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','{"channel": "trực tuyến", "cong_dan_so": true}',62,'cấp Phiếu lý lịch tư pháp',0,NULL,NULL,NULL,NULL,22,132);
INSERT INTO "kb_fee" VALUES('unknown','Mức lệ phí do HĐND tỉnh quyết định; chưa có văn bản của tỉnh Vĩnh Long.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/nhan_cha_me_con.yml',97,'fees[0]','Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định.','national-catalog-2026-07 details/1.001022.json',NULL,63,'Lệ phí đăng ký nhận cha, mẹ, con',NULL,NULL,NULL,NULL,NULL,23,139);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/nhan_cha_me_con.yml',104,'fees[1]','a) Đăng ký hộ tịch cho người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật;','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md','{"groups": ["nguoi_co_cong", "ho_ngheo", "nguoi_khuyet_tat"]}',64,'Người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật',0,NULL,NULL,NULL,NULL,23,7);
INSERT INTO "kb_fee" VALUES('known','Ai thuộc diện miễn theo Điều 4 Thông tư 75/2022/TT-BTC thì xuất trình giấy tờ chứng minh, trừ khi thông tin đã có trong cơ sở dữ liệu.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tach_ho.yml',89,'fees[0]','Trường hợp công dân nộp hồ sơ trực tiếp thu 10.000 đồng/lần đăng ký; ... Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 5000 đồng/lần đăng ký;','national-catalog-2026-07 details/1.010038.json',NULL,65,'Tách hộ',10000,NULL,NULL,5000,NULL,24,144);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2026-08-15','2027-02-28',1,'knowledge/data/procedures/tach_ho.yml',96,'fees[1]','3. Miễn lệ phí đăng ký cư trú quy định tại Biểu mức thu lệ phí đăng ký cư trú ban hành kèm theo Thông tư số 75/2022/TT-BTC quy định mức thu, chế độ thu, nộp và quản lý lệ phí đăng ký cư trú.','diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','{"channel": "trực tuyến", "cong_dan_so": true}',66,'Tách hộ',0,NULL,NULL,NULL,NULL,24,54);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2023-02-05',NULL,0,'knowledge/data/procedures/tam_tru.yml',61,'fees[0]','Đăng ký tạm trú (cá nhân, hộ gia đình): + Trường hợp công dân nộp hồ sơ trực tiếp thu 15.000 đồng/lần đăng ký; … - Đăng ký tạm trú (cá nhân, hộ gia đình): + Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 7.000 đồng/lần đăng ký.','VoidKeishi/OpenGOV backend/data/crawl/details/1.004194.json',NULL,67,'Đăng ký tạm trú hoặc gia hạn tạm trú (cá nhân, hộ gia đình)',15000,NULL,NULL,7000,NULL,25,149);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2023-02-05',NULL,1,'knowledge/data/procedures/tam_tru.yml',69,'fees[1]','- Đăng ký tạm trú theo danh sách: + Trường hợp công dân nộp hồ sơ trực tiếp thu 10.000 đồng/người/lần đăng ký; … - Đăng ký tạm trú theo danh sách: + Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 5.000 đồng/người/lần đăng ký.','VoidKeishi/OpenGOV backend/data/crawl/details/1.004194.json',NULL,68,'Đăng ký tạm trú theo danh sách',10000,'người',NULL,5000,NULL,25,149);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2026-08-15','2027-02-28',2,'knowledge/data/procedures/tam_tru.yml',78,'fees[2]','3. Miễn lệ phí đăng ký cư trú quy định tại Biểu mức thu lệ phí đăng ký cư trú ban hành kèm theo Thông tư số 75/2022/TT-BTC quy định mức thu, chế độ thu, nộp và quản lý lệ phí đăng ký cư trú.','diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','{"channel": "trực tuyến", "cong_dan_so": true}',69,'đăng ký, gia hạn tạm trú',0,NULL,NULL,NULL,NULL,25,150);
INSERT INTO "kb_fee" VALUES('known','Bản ghi 1.004222 (cập nhật 27/04/2026) ghi mức nộp trực tiếp 20.000 đồng, trực tuyến 10.000 đồng.',NULL,'2026-12-01','2023-02-05',NULL,0,'knowledge/data/procedures/thuong_tru.yml',69,'fees[0]','Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 10.000 đồng/lần đăng ký.','VoidKeishi/OpenGOV backend/data/crawl/details/1.004222.json',NULL,70,'Đăng ký thường trú',20000,NULL,NULL,10000,NULL,26,157);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2023-02-05',NULL,1,'knowledge/data/procedures/thuong_tru.yml',78,'fees[1]','Trường hợp công dân nộp hồ sơ trực tiếp thu 10.000 đồng/lần đăng ký; … Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 5000 đồng/lần đăng ký;','VoidKeishi/OpenGOV backend/data/crawl/details/1.010038.json',NULL,71,'Tách hộ',10000,NULL,NULL,5000,NULL,26,158);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2026-08-15','2027-02-28',2,'knowledge/data/procedures/thuong_tru.yml',86,'fees[2]','3. Miễn lệ phí đăng ký cư trú quy định tại Biểu mức thu lệ phí đăng ký cư trú ban hành kèm theo Thông tư số 75/2022/TT-BTC quy định mức thu, chế độ thu, nộp và quản lý lệ phí đăng ký cư trú.','diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','{"channel": "trực tuyến", "cong_dan_so": true}',72,'đăng ký thường trú, tách hộ',0,NULL,NULL,NULL,NULL,26,150);
INSERT INTO "kb_fee" VALUES('known','Số tiền là trường dữ liệu của bản ghi 2.000635 (trực tiếp, bưu chính, trực tuyến đều 8.000 đồng); Nghị quyết 66.22 Phụ lục II ghi "8.000 đồng/bản sao trích lục/sự kiện hộ tịch".',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/trich_luc_ho_tich.yml',63,'fees[0]','"fees": [{"type": "FEE", "value": 8000','VoidKeishi/OpenGOV backend/data/crawl/details/2.000635.json',NULL,73,'Mỗi bản sao trích lục',8000,'bản',NULL,NULL,NULL,27,161);
INSERT INTO "kb_fee" VALUES('known',NULL,NULL,'2026-12-01','2026-08-15','2027-02-28',1,'knowledge/data/procedures/trich_luc_ho_tich.yml',71,'fees[1]','2. Miễn phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch quy định tại STT 4 Biểu mức thu tại Điều 4 Thông tư số 281/2016/TT-BTC','diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','{"channel": "trực tuyến", "cong_dan_so": true}',74,'bản sao trích lục hộ tịch',0,NULL,NULL,NULL,NULL,27,162);
INSERT INTO "kb_fee" VALUES('unknown','Không có bản ghi chi tiết; chưa có văn bản nói về lệ phí của thủ tục này.','UBND xã nơi cư trú','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',112,'fees[0]',NULL,NULL,NULL,75,NULL,NULL,NULL,NULL,NULL,NULL,28,167);
INSERT INTO "kb_fee" VALUES('unknown','Chưa có thông tin về lệ phí của thủ tục này trong văn bản đã đối chiếu.','bộ phận một cửa UBND xã','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tro_cap_xa_hoi.yml',82,'fees[0]',NULL,NULL,NULL,76,'Lệ phí nộp hồ sơ',NULL,NULL,NULL,NULL,NULL,29,NULL);
INSERT INTO "kb_fee" VALUES('unknown','Mức lệ phí do HĐND tỉnh quy định, chưa có số liệu của tỉnh Vĩnh Long; người thuộc gia đình có công, hộ nghèo, người khuyết tật được miễn lệ phí hộ tịch.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',70,'fees[0]',NULL,NULL,NULL,77,'Cấp Giấy xác nhận tình trạng hôn nhân',NULL,NULL,NULL,NULL,NULL,30,179);
CREATE TABLE kb_form (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	name TEXT, 
	number TEXT, 
	circular TEXT, 
	where_to_get TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_form" VALUES('unknown','Chưa xác minh mẫu tờ khai liên thông.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/bhyt_tre_em.yml',57,'forms[0]',NULL,NULL,NULL,1,NULL,NULL,NULL,NULL,1,NULL);
INSERT INTO "kb_form" VALUES('unverified','Bản ghi quốc gia nêu tên tờ khai nhưng không ghi số hiệu mẫu.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cai_chinh_ho_tich.yml',130,'forms[0]',NULL,'national-catalog-2026-07 details/1.004859.json',NULL,2,'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc',NULL,NULL,'UBND xã; nộp trực tuyến thì điền mẫu hộ tịch điện tử trên Cổng Dịch vụ công hoặc VNeID',2,5);
INSERT INTO "kb_form" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/can_cuoc.yml',83,'forms[0]','Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA của Bộ Công an)','bminhnemhoi/ctcv_aiangtaotre2026 data/tests/fixtures/tthc/tthc_26052.html',NULL,3,'Phiếu đề nghị giải quyết thủ tục về căn cước (người dân khai)','DC02','Thông tư 17/2024/TT-BCA','Cơ quan Công an nơi làm thủ tục; nộp online thì khai biểu mẫu điện tử',3,15);
INSERT INTO "kb_form" VALUES('unverified','Việc cán bộ in Phiếu thu nhận thông tin căn cước đã đối chiếu (Bước 5 của thủ tục 2.000200); số hiệu CC01 của phiếu này theo Thông tư 17/2024 mới thấy ở nguồn phụ.',NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/can_cuoc.yml',91,'forms[1]','Bước 5: In Phiếu thu nhận thông tin căn cước, Phiếu thu thập thông tin dân cư (nếu có) chuyển cho công dân kiểm tra, ký xác nhận.','bminhnemhoi/ctcv_aiangtaotre2026 data/tests/fixtures/tthc/tthc_26052.html',NULL,4,'Phiếu thu nhận thông tin căn cước (cán bộ in ra, người dân kiểm tra và ký; không phải tự điền)','CC01','Thông tư 17/2024/TT-BCA','Cán bộ Công an in tại nơi làm thủ tục',3,17);
INSERT INTO "kb_form" VALUES('unknown',NULL,'cơ quan bảo hiểm xã hội hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cap_lai_the_bhyt.yml',84,'forms[0]',NULL,NULL,NULL,5,NULL,NULL,NULL,NULL,4,27);
INSERT INTO "kb_form" VALUES('unknown','Chưa có thông tin về mẫu đơn cho thủ tục này trong dữ liệu.','bộ phận một cửa UBND xã','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_ban_sao.yml',54,'forms[0]',NULL,NULL,NULL,6,NULL,NULL,NULL,NULL,5,NULL);
INSERT INTO "kb_form" VALUES('unknown','Chưa có thông tin về mẫu cho thủ tục này trong dữ liệu.','bộ phận một cửa UBND xã','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_chu_ky.yml',50,'forms[0]',NULL,NULL,NULL,7,NULL,NULL,NULL,NULL,6,NULL);
INSERT INTO "kb_form" VALUES('unverified','Bản ghi quốc gia nêu tên tờ khai nhưng không ghi số hiệu mẫu.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',104,'forms[0]',NULL,'national-catalog-2026-07 details/1.004884.json',NULL,8,'Tờ khai đăng ký lại khai sinh',NULL,NULL,'UBND xã; nộp trực tuyến thì điền mẫu hộ tịch điện tử trên Cổng Dịch vụ công hoặc VNeID',7,41);
INSERT INTO "kb_form" VALUES('known','Văn bản ban hành mẫu không ghi trong bản ghi; hỏi bộ phận một cửa.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/dat_dai_lan_dau.yml',56,'forms[0]','Mẫu số 15. Đơn đăng ký đất đai, tài sản gắn liền với đất','VoidKeishi/OpenGOV backend/data/crawl/details/1.115748.json',NULL,9,'Đơn đăng ký đất đai, tài sản gắn liền với đất','Mẫu số 15',NULL,'Trung tâm Phục vụ hành chính công xã hoặc Cổng Dịch vụ công',8,45);
INSERT INTO "kb_form" VALUES('unknown',NULL,'Công an xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/doi_gplx.yml',61,'forms[0]',NULL,NULL,NULL,10,NULL,NULL,NULL,NULL,9,49);
INSERT INTO "kb_form" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/gia_han_tam_tru.yml',88,'forms[0]',NULL,'national-catalog-2026-07 details/1.002755.json',NULL,11,'Tờ khai thay đổi thông tin cư trú','CT01','Thông tư 53/2025/TT-BCA','Công an xã; nộp trực tuyến thì điền tờ khai điện tử',10,52);
INSERT INTO "kb_form" VALUES('unverified','Bản ghi quốc gia nêu tên tờ khai nhưng không ghi số hiệu mẫu.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/giam_ho.yml',79,'forms[0]',NULL,'national-catalog-2026-07 details/1.004837.json',NULL,12,'Tờ khai đăng ký giám hộ',NULL,NULL,'UBND xã; nộp trực tuyến thì điền mẫu hộ tịch điện tử trên Cổng Dịch vụ công hoặc VNeID',11,59);
INSERT INTO "kb_form" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,0,'knowledge/data/procedures/giay_phep_xay_dung.yml',87,'forms[0]','Đơn đề nghị cấp giấy phép xây dựng theo quy định tại Mẫu số 01 Phụ lục II ban hành kèm theo Nghị định này.','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md',NULL,13,'Đơn đề nghị cấp giấy phép xây dựng','Mẫu số 01 Phụ lục II','Nghị định 217/2026/NĐ-CP','Cổng Dịch vụ công quốc gia (biểu mẫu) hoặc UBND xã',12,66);
INSERT INTO "kb_form" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_chieu.yml',73,'forms[0]','Thay thế biểu mẫu Tờ khai đề nghị cấp hộ chiếu phổ thông ở trong nước dành cho người từ đủ 14 tuổi (mẫu TK01) bằng biểu mẫu Tờ khai đề nghị cấp hộ chiếu phổ thông ở trong nước dành cho người từ đủ 14 tuổi (mẫu TK01) ban hành kèm theo Thông tư này.','diepxuan/diepxuan.github.io van-ban/xuat-nhap-canh/thong-tu-69-2026-tt-bca-sua-doi-mau-ho-chieu-giay-thong-hanh.md',NULL,14,'Tờ khai đề nghị cấp hộ chiếu phổ thông (người từ đủ 14 tuổi)','TK01','Thông tư 69/2026/TT-BCA (mẫu mới từ 01/07/2026)','Phòng Quản lý xuất nhập cảnh; khi nộp trực tuyến thì khai trên Cổng Dịch vụ công',13,81);
INSERT INTO "kb_form" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/ho_chieu.yml',81,'forms[1]','Thay thế biểu mẫu Tờ khai đề nghị cấp hộ chiếu phổ thông ở trong nước dành cho người chưa đủ 14 tuổi (mẫu TK01a) bằng biểu mẫu Tờ khai đề nghị cấp hộ chiếu phổ thông ở trong nước dành cho người chưa đủ 14 tuổi (mẫu TK01a) ban hành kèm theo Thông tư này.','diepxuan/diepxuan.github.io van-ban/xuat-nhap-canh/thong-tu-69-2026-tt-bca-sua-doi-mau-ho-chieu-giay-thong-hanh.md',NULL,15,'Tờ khai đề nghị cấp hộ chiếu phổ thông (người dưới 14 tuổi)','TK01a','Thông tư 69/2026/TT-BCA (mẫu mới từ 01/07/2026)','Phòng Quản lý xuất nhập cảnh; khi nộp trực tuyến thì khai trên Cổng Dịch vụ công',13,82);
INSERT INTO "kb_form" VALUES('unknown','Chưa xác minh mẫu giấy đề nghị đăng ký hộ kinh doanh.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_kinh_doanh.yml',43,'forms[0]',NULL,NULL,NULL,16,NULL,NULL,NULL,NULL,14,NULL);
INSERT INTO "kb_form" VALUES('unknown',NULL,'UBND xã (công chức văn hóa - xã hội)','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_ngheo.yml',68,'forms[0]',NULL,NULL,NULL,17,NULL,NULL,NULL,NULL,15,92);
INSERT INTO "kb_form" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_tro_mai_tang.yml',91,'forms[0]',NULL,NULL,NULL,18,'Tờ khai đề nghị hỗ trợ chi phí mai táng','Mẫu số 04','Nghị định 20/2021/NĐ-CP','UBND xã',16,94);
INSERT INTO "kb_form" VALUES('unverified','Số hiệu mẫu chưa được xác minh.',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ket_hon.yml',58,'forms[0]',NULL,NULL,NULL,19,'Tờ khai đăng ký kết hôn',NULL,'Thông tư 04/2020/TT-BTP; Thông tư 04/2024/TT-BTP','Phụ lục của thông tư; nộp trực tuyến thì điền tờ khai điện tử',17,103);
INSERT INTO "kb_form" VALUES('unverified','Số hiệu mẫu chưa được xác minh.',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_sinh.yml',63,'forms[0]',NULL,NULL,NULL,20,'Tờ khai đăng ký khai sinh',NULL,'Thông tư 04/2020/TT-BTP; Thông tư 04/2024/TT-BTP','Phụ lục của thông tư; khi nộp trực tuyến thì điền tờ khai điện tử trên Cổng Dịch vụ công',18,103);
INSERT INTO "kb_form" VALUES('unverified','Bản ghi quốc gia nêu tên tờ khai nhưng không ghi số hiệu mẫu.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',99,'forms[0]',NULL,'national-catalog-2026-07 details/1.004772.json',NULL,21,'Tờ khai đăng ký khai sinh',NULL,NULL,'UBND xã; nộp trực tuyến thì điền mẫu hộ tịch điện tử trên Cổng Dịch vụ công hoặc VNeID',19,115);
INSERT INTO "kb_form" VALUES('unverified','Bản ghi quốc gia nêu tên tờ khai nhưng không ghi số hiệu mẫu.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',89,'forms[0]',NULL,'national-catalog-2026-07 details/1.000689.json',NULL,22,'Tờ khai đăng ký khai sinh; Tờ khai đăng ký nhận cha, mẹ, con',NULL,NULL,'UBND xã; nộp trực tuyến thì điền mẫu hộ tịch điện tử trên Cổng Dịch vụ công hoặc VNeID',20,117);
INSERT INTO "kb_form" VALUES('unverified','Số hiệu mẫu chưa được xác minh.',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_tu.yml',58,'forms[0]',NULL,NULL,NULL,23,'Tờ khai đăng ký khai tử',NULL,'Thông tư 04/2020/TT-BTP; Thông tư 04/2024/TT-BTP','Phụ lục của thông tư; nộp trực tuyến thì điền tờ khai điện tử',21,103);
INSERT INTO "kb_form" VALUES('unknown','Chưa xác minh số hiệu mẫu tờ khai.','Cổng Dịch vụ công quốc gia hoặc nơi nộp hồ sơ','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ly_lich_tu_phap.yml',81,'forms[0]',NULL,NULL,NULL,24,NULL,NULL,NULL,NULL,22,NULL);
INSERT INTO "kb_form" VALUES('unverified','Bản ghi quốc gia nêu tên tờ khai nhưng không ghi số hiệu mẫu.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/nhan_cha_me_con.yml',88,'forms[0]',NULL,'national-catalog-2026-07 details/1.001022.json',NULL,25,'Tờ khai đăng ký nhận cha, mẹ, con',NULL,NULL,'UBND xã; nộp trực tuyến thì điền mẫu hộ tịch điện tử trên Cổng Dịch vụ công hoặc VNeID',23,138);
INSERT INTO "kb_form" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tach_ho.yml',81,'forms[0]',NULL,'national-catalog-2026-07 details/1.010038.json',NULL,26,'Tờ khai thay đổi thông tin cư trú','CT01','Thông tư 53/2025/TT-BCA','Công an xã; nộp trực tuyến thì điền tờ khai điện tử',24,143);
INSERT INTO "kb_form" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tam_tru.yml',51,'forms[0]','Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA)','VoidKeishi/OpenGOV backend/data/crawl/details/1.004194.json',NULL,27,'Tờ khai thay đổi thông tin cư trú','CT01','Thông tư 53/2025/TT-BCA','Công an xã; khi nộp trực tuyến thì điền tờ khai điện tử',25,148);
INSERT INTO "kb_form" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/thuong_tru.yml',59,'forms[0]','Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA)','VoidKeishi/OpenGOV backend/data/crawl/details/1.004194.json',NULL,28,'Tờ khai thay đổi thông tin cư trú','CT01','Thông tư 53/2025/TT-BCA','Công an xã; khi nộp trực tuyến thì điền tờ khai điện tử',26,148);
INSERT INTO "kb_form" VALUES('unknown','Chưa xác minh số hiệu mẫu tờ khai.','bộ phận một cửa UBND xã','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/trich_luc_ho_tich.yml',58,'forms[0]',NULL,NULL,NULL,29,NULL,NULL,NULL,NULL,27,NULL);
INSERT INTO "kb_form" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',104,'forms[0]',NULL,NULL,NULL,30,'Văn bản đề nghị hưởng trợ cấp hưu trí xã hội','Mẫu số 01','Nghị định 176/2025/NĐ-CP','UBND xã',28,169);
INSERT INTO "kb_form" VALUES('unverified','Tên mẫu theo các bản chép trang Cổng Dịch vụ công năm 2026 (nguồn phụ), không phải "Tờ khai".',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tro_cap_xa_hoi.yml',70,'forms[0]',NULL,NULL,NULL,31,'Văn bản đề nghị hưởng trợ cấp hưu trí xã hội','Mẫu số 01','Nghị định 176/2025/NĐ-CP','Bộ phận một cửa UBND xã',29,174);
INSERT INTO "kb_form" VALUES('unknown','Mẫu tờ khai trợ cấp xã hội hàng tháng (Nghị định 20/2021) chưa được xác minh.','bộ phận một cửa UBND xã','2026-11-25',NULL,NULL,1,'knowledge/data/procedures/tro_cap_xa_hoi.yml',77,'forms[1]',NULL,NULL,NULL,32,NULL,NULL,NULL,NULL,29,NULL);
INSERT INTO "kb_form" VALUES('unverified','Số hiệu mẫu chưa được xác minh.',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',61,'forms[0]',NULL,NULL,NULL,33,'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân',NULL,'Thông tư 04/2020/TT-BTP; Thông tư 04/2024/TT-BTP','Phụ lục của thông tư; nộp trực tuyến thì điền tờ khai điện tử',30,103);
CREATE TABLE kb_former_unit (
	id INTEGER NOT NULL, 
	commune_id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	folded TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(commune_id) REFERENCES kb_commune (id) ON DELETE CASCADE
);
INSERT INTO "kb_former_unit" VALUES(1,1,'xã Phú Khánh','xa phu khanh');
INSERT INTO "kb_former_unit" VALUES(2,1,'xã Tân Phong','xa tan phong');
INSERT INTO "kb_former_unit" VALUES(3,1,'xã Thới Thạnh','xa thoi thanh');
INSERT INTO "kb_former_unit" VALUES(4,1,'xã Đại Điền','xa dai dien');
INSERT INTO "kb_former_unit" VALUES(5,2,'xã Hòa Lợi','xa hoa loi');
INSERT INTO "kb_former_unit" VALUES(6,2,'xã Mỹ Hưng','xa my hung');
INSERT INTO "kb_former_unit" VALUES(7,2,'xã Quới Điền','xa quoi dien');
INSERT INTO "kb_former_unit" VALUES(8,3,'thị trấn Thạnh Phú','thi tran thanh phu');
INSERT INTO "kb_former_unit" VALUES(9,3,'xã An Thạnh','xa an thanh');
INSERT INTO "kb_former_unit" VALUES(10,3,'xã Bình Thạnh','xa binh thanh');
INSERT INTO "kb_former_unit" VALUES(11,3,'xã Mỹ An','xa my an');
INSERT INTO "kb_former_unit" VALUES(12,4,'xã An Thuận','xa an thuan');
INSERT INTO "kb_former_unit" VALUES(13,4,'xã An Nhơn','xa an nhon');
INSERT INTO "kb_former_unit" VALUES(14,4,'xã An Qui','xa an qui');
INSERT INTO "kb_former_unit" VALUES(15,5,'xã An Điền','xa an dien');
INSERT INTO "kb_former_unit" VALUES(16,5,'xã Thạnh Hải','xa thanh hai');
INSERT INTO "kb_former_unit" VALUES(17,6,'xã Giao Thạnh','xa giao thanh');
INSERT INTO "kb_former_unit" VALUES(18,6,'xã Thạnh Phong','xa thanh phong');
CREATE TABLE kb_legal_basis (
	id INTEGER NOT NULL, 
	procedure_id INTEGER NOT NULL, 
	doc TEXT NOT NULL, 
	articles TEXT, 
	url TEXT, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE
);
INSERT INTO "kb_legal_basis" VALUES(1,1,'Luật Bảo hiểm y tế 25/2008/QH12 (sửa đổi, gần nhất bởi Luật 51/2024/QH15 từ 01/07/2025)','Điều 12, Điều 16 khoản 3 điểm d',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(2,1,'Nghị định 146/2018/NĐ-CP','Điều 13 khoản 2',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(3,1,'Nghị định 63/2024/NĐ-CP (sửa đổi bởi Nghị định 301/2026/NĐ-CP từ 01/09/2026)','thủ tục liên thông đăng ký khai sinh - đăng ký thường trú - cấp thẻ BHYT cho trẻ dưới 6 tuổi',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(4,2,'Luật Hộ tịch 60/2014/QH13','Điều 7, 11, 26, 27, 28, 29 (đến 28/02/2027)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(5,2,'Nghị định 123/2015/NĐ-CP','quy định chi tiết Luật Hộ tịch (sửa đổi bởi Nghị định 07/2025/NĐ-CP, 18/2026/NĐ-CP); chưa đọc văn bản gốc',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(6,2,'Nghị định 120/2025/NĐ-CP','phân định thẩm quyền chính quyền địa phương 02 cấp (căn cứ trong hồ sơ TTHC 1.004859); chưa đọc văn bản gốc',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(7,2,'Thông tư 85/2019/TT-BTC','lệ phí hộ tịch do HĐND tỉnh quyết định',NULL,3);
INSERT INTO "kb_legal_basis" VALUES(8,3,'Luật Căn cước 26/2023/QH15','Điều 21, 26',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(9,3,'Thông tư 73/2024/TT-BTC','Điều 4 (mức gốc)',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(10,3,'Thông tư 64/2025/TT-BTC','giảm 50% đến hết 31/12/2026',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(11,3,'Thông tư 117/2026/TT-BTC','Điều 1 khoản 4 (công dân số)',NULL,3);
INSERT INTO "kb_legal_basis" VALUES(12,3,'Thông tư 17/2024/TT-BCA','mẫu CC01, DC02',NULL,4);
INSERT INTO "kb_legal_basis" VALUES(13,4,'Luật Bảo hiểm y tế 25/2008/QH12','Điều 18, 19 (sửa đổi bởi Luật 46/2014/QH13, Luật 51/2024/QH15; lời văn sửa đổi chưa đọc)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(14,5,'Nghị định 23/2015/NĐ-CP (sửa đổi bởi Nghị định 07/2025/NĐ-CP)','Điều 5, 7, 18',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(15,5,'Thông tư 226/2016/TT-BTC','Điều 4',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(16,6,'Nghị định 23/2015/NĐ-CP (sửa đổi bởi Nghị định 07/2025/NĐ-CP)','Điều 5, 7, 24',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(17,6,'Thông tư 226/2016/TT-BTC','Điều 4',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(18,7,'Luật Hộ tịch 60/2014/QH13','Điều 11 (lệ phí); đến 28/02/2027',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(19,7,'Nghị định 123/2015/NĐ-CP','đăng ký lại khai sinh (sửa đổi bởi Nghị định 07/2025/NĐ-CP); chưa đọc văn bản gốc',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(20,7,'Thông tư 85/2019/TT-BTC','lệ phí hộ tịch do HĐND tỉnh quyết định',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(21,8,'Luật Đất đai 31/2024/QH15','đăng ký đất đai, cấp Giấy chứng nhận',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(22,8,'Nghị định 101/2024/NĐ-CP','Điều 22',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(23,8,'Nghị định 151/2025/NĐ-CP','thẩm quyền ký Giấy chứng nhận',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(24,9,'Thông tư 117/2026/TT-BTC','Điều 1 khoản 6 (miễn lệ phí đổi, cấp lại cho công dân số, 15/08/2026 - 28/02/2027)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(25,9,'Thông tư 154/2025/TT-BTC','lệ phí cấp bằng, chứng chỉ (Số TT 2 Biểu mức thu) — chưa đọc',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(26,10,'Luật Cư trú 68/2020/QH14','Điều 27 khoản 2, Điều 28',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(27,10,'Thông tư 75/2022/TT-BTC','biểu mức thu lệ phí đăng ký cư trú (sửa đổi bởi Thông tư 71/2025/TT-BTC, chưa đọc)',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(28,10,'Thông tư 117/2026/TT-BTC','Điều 1 khoản 3 (miễn lệ phí cho công dân số, 15/08/2026 - 28/02/2027)',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(29,10,'Thông tư 53/2025/TT-BCA','mẫu CT01',NULL,3);
INSERT INTO "kb_legal_basis" VALUES(30,11,'Luật Hộ tịch 60/2014/QH13','Điều 11, 19, 20, 21 (đến 28/02/2027)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(31,11,'Bộ luật Dân sự 91/2015/QH13','người giám hộ, giám hộ đương nhiên, văn bản cử người giám hộ (chưa đọc)',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(32,12,'Luật Xây dựng 50/2014/QH13','Điều 102',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(33,12,'Luật Xây dựng 135/2025/QH15','Điều 43, 45, 46',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(34,12,'Nghị định 217/2026/NĐ-CP','Điều 53, 54, 55, 60',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(35,12,'Nghị định 140/2025/NĐ-CP','Điều 4',NULL,3);
INSERT INTO "kb_legal_basis" VALUES(36,12,'Thông tư 85/2019/TT-BTC','lệ phí do HĐND tỉnh quy định',NULL,4);
INSERT INTO "kb_legal_basis" VALUES(37,13,'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 49/2019/QH14 (sửa đổi bởi Luật 23/2023/QH15)','Điều 15',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(38,13,'Thông tư 31/2023/TT-BCA (mẫu TK01, TK01a thay bởi Thông tư 69/2026/TT-BCA từ 01/07/2026)','mẫu TK01, TK01a',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(39,13,'Thông tư 28/2026/TT-BTC','lệ phí hộ chiếu (thay Thông tư 25/2021/TT-BTC từ 01/04/2026)',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(40,13,'Thông tư 64/2025/TT-BTC','giảm 50% đến hết 31/12/2026',NULL,3);
INSERT INTO "kb_legal_basis" VALUES(41,13,'Thông tư 117/2026/TT-BTC','Điều 1 khoản 8 (công dân số)',NULL,4);
INSERT INTO "kb_legal_basis" VALUES(42,14,'Nghị định 168/2025/NĐ-CP','Điều 85',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(43,14,'Thông tư 85/2019/TT-BTC','lệ phí do HĐND tỉnh quy định',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(44,15,'Nghị định 07/2021/NĐ-CP','chuẩn nghèo đa chiều giai đoạn 2021-2025 (theo nguồn phụ; văn bản cho giai đoạn 2026-2030 chưa xác định, chưa đọc)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(45,15,'Quyết định 24/2021/QĐ-TTg','quy trình rà soát hộ nghèo, hộ cận nghèo (theo nguồn phụ; chưa đọc, có thể đã được thay)',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(46,16,'Nghị định 20/2021/NĐ-CP','Điều 4, 11 (sửa đổi bởi Nghị định 76/2024/NĐ-CP; lời văn sửa đổi chưa đọc)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(47,17,'Luật Hộ tịch 60/2014/QH13','Điều 11, 17, 18',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(48,17,'Thông tư 04/2020/TT-BTP','mẫu tờ khai (một phần thay bởi Thông tư 04/2024/TT-BTP)',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(49,18,'Luật Hộ tịch 60/2014/QH13','Điều 11, 13, 15, 16',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(50,18,'Nghị định 123/2015/NĐ-CP','quy định chi tiết Luật Hộ tịch',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(51,18,'Thông tư 04/2020/TT-BTP','mẫu tờ khai (một phần thay bởi Thông tư 04/2024/TT-BTP)',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(52,19,'Luật Hộ tịch 60/2014/QH13','Điều 11 (lệ phí)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(53,19,'Nghị định 123/2015/NĐ-CP','khai sinh cho người đã có hồ sơ, giấy tờ cá nhân (sửa đổi bởi Nghị định 07/2025/NĐ-CP); chưa đọc văn bản gốc',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(54,19,'Thông tư 85/2019/TT-BTC','lệ phí hộ tịch do HĐND tỉnh quyết định',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(55,20,'Luật Hộ tịch 60/2014/QH13','Điều 11 (lệ phí), Điều 24, 25 (nhận cha, mẹ, con)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(56,20,'Nghị định 123/2015/NĐ-CP','kết hợp đăng ký khai sinh và nhận cha, mẹ, con (sửa đổi bởi Nghị định 07/2025/NĐ-CP); chưa đọc văn bản gốc',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(57,20,'Thông tư 85/2019/TT-BTC','lệ phí hộ tịch do HĐND tỉnh quyết định',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(58,21,'Luật Hộ tịch 60/2014/QH13','Điều 11, 32, 33, 34',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(59,21,'Thông tư 04/2020/TT-BTP','mẫu tờ khai (một phần thay bởi Thông tư 04/2024/TT-BTP)',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(60,22,'Luật Lý lịch tư pháp 28/2009/QH12 (sửa đổi bởi Luật 107/2025/QH15 từ 01/07/2026)','Điều 45, 48',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(61,22,'Nghị định 216/2026/NĐ-CP','Điều 22, 23, 24, 25',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(62,22,'Thông tư 16/2025/TT-BTC','phí cung cấp thông tin lý lịch tư pháp',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(63,22,'Thông tư 117/2026/TT-BTC','Điều 1 khoản 5 (công dân số)',NULL,3);
INSERT INTO "kb_legal_basis" VALUES(64,23,'Luật Hộ tịch 60/2014/QH13','Điều 6 khoản 2, 11, 24, 25 (đến 28/02/2027)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(65,23,'Nghị định 123/2015/NĐ-CP','chứng cứ chứng minh quan hệ cha, mẹ, con (theo hồ sơ TTHC 1.001022); chưa đọc văn bản gốc',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(66,23,'Thông tư 85/2019/TT-BTC','lệ phí hộ tịch do HĐND tỉnh quyết định',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(67,24,'Luật Cư trú 68/2020/QH14','Điều 25 (chưa đọc văn bản; điều kiện theo bản ghi quốc gia 1.010038)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(68,24,'Thông tư 75/2022/TT-BTC','biểu mức thu lệ phí đăng ký cư trú (sửa đổi bởi Thông tư 71/2025/TT-BTC, chưa đọc)',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(69,24,'Thông tư 117/2026/TT-BTC','Điều 1 khoản 3 (miễn lệ phí cho công dân số, 15/08/2026 - 28/02/2027)',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(70,24,'Thông tư 53/2025/TT-BCA','mẫu CT01',NULL,3);
INSERT INTO "kb_legal_basis" VALUES(71,25,'Luật Cư trú 68/2020/QH14','Điều 27, 28',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(72,25,'Thông tư 75/2022/TT-BTC (sửa đổi bởi Thông tư 71/2025/TT-BTC)','lệ phí đăng ký cư trú',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(73,25,'Thông tư 53/2025/TT-BCA','mẫu CT01 (từ 01/07/2025)',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(74,25,'Thông tư 117/2026/TT-BTC','Điều 1 khoản 3 (công dân số)',NULL,3);
INSERT INTO "kb_legal_basis" VALUES(75,26,'Luật Cư trú 68/2020/QH14','Điều 20, 21, 22',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(76,26,'Thông tư 75/2022/TT-BTC (sửa đổi bởi Thông tư 71/2025/TT-BTC)','lệ phí đăng ký cư trú',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(77,26,'Thông tư 53/2025/TT-BCA','mẫu CT01 (từ 01/07/2025)',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(78,26,'Thông tư 117/2026/TT-BTC','Điều 1 khoản 3 (công dân số)',NULL,3);
INSERT INTO "kb_legal_basis" VALUES(79,27,'Luật Hộ tịch 60/2014/QH13','Điều 63, 64',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(80,27,'Thông tư 281/2016/TT-BTC','Điều 4',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(81,27,'Thông tư 117/2026/TT-BTC','Điều 1 khoản 2 (công dân số)',NULL,2);
INSERT INTO "kb_legal_basis" VALUES(82,28,'Luật Bảo hiểm xã hội 41/2024/QH15','trợ cấp hưu trí xã hội (văn bản chưa đọc)',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(83,28,'Nghị định 176/2025/NĐ-CP','quy định chi tiết trợ cấp hưu trí xã hội, hiệu lực 01/07/2025 (văn bản chưa đọc)',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(84,29,'Nghị định 20/2021/NĐ-CP (sửa đổi bởi Nghị định 76/2024/NĐ-CP từ 01/07/2024)','Điều 5, 8',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(85,29,'Nghị định 176/2025/NĐ-CP','trợ cấp hưu trí xã hội',NULL,1);
INSERT INTO "kb_legal_basis" VALUES(86,30,'Nghị định 123/2015/NĐ-CP (Điều 22 sửa đổi bởi Nghị định 18/2026/NĐ-CP)','Điều 21, 22, 23',NULL,0);
INSERT INTO "kb_legal_basis" VALUES(87,30,'Thông tư 85/2019/TT-BTC','lệ phí hộ tịch do HĐND tỉnh quy định',NULL,1);
CREATE TABLE kb_legal_document (
	id INTEGER NOT NULL, 
	number VARCHAR(64) NOT NULL, 
	title TEXT, 
	effective_from DATE, 
	replaced_by VARCHAR(64), 
	replaced_on DATE, 
	copy_ref TEXT, 
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	PRIMARY KEY (id), 
	UNIQUE (number)
);
INSERT INTO "kb_legal_document" VALUES(1,'60/2014/QH13','Luật Hộ tịch','2016-01-01','03/2026/QH16','2027-03-01','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md','unverified','Việc Luật Hộ tịch 03/2026/QH16 (thông qua 23/04/2026) thay thế Luật 60/2014 từ 01/03/2027 được nhiều nguồn phụ độc lập ghi giống nhau (ghi chú bộ dữ liệu hộ tịch đối chiếu vbpl.vn 09/10/2026; sổ văn bản dẫn Công báo); văn bản Luật 03/2026 chưa đọc.');
INSERT INTO "kb_legal_document" VALUES(2,'03/2026/QH16','Luật Hộ tịch (thay Luật 60/2014/QH13)','2027-03-01',NULL,NULL,NULL,'unverified','Văn bản chưa đọc; các hồ sơ hộ tịch cần rà lại trước 01/03/2027.');
INSERT INTO "kb_legal_document" VALUES(3,'25/2021/TT-BTC','Thông tư quy định phí, lệ phí xuất cảnh, nhập cảnh (hộ chiếu)','2021-07-01','28/2026/TT-BTC','2026-04-01',NULL,'unverified','Thông tư 117/2026/TT-BTC Điều 1 khoản 8 và Nghị quyết 66.22/2026/NQ-CP Phụ lục II dẫn Thông tư 28/2026/TT-BTC là văn bản thu lệ phí hộ chiếu hiện hành; ngày 01/04/2026 lấy từ nguồn phụ.');
INSERT INTO "kb_legal_document" VALUES(4,'28/2026/TT-BTC','Thông tư quy định mức thu phí, lệ phí trong lĩnh vực xuất cảnh, nhập cảnh, quá cảnh, cư trú tại Việt Nam','2026-04-01',NULL,NULL,NULL,'unverified','Văn bản chưa đọc; được sửa đổi bởi Thông tư 81/2026/TT-BTC (theo Thông tư 117/2026/TT-BTC).');
INSERT INTO "kb_legal_document" VALUES(5,'50/2014/QH13','Luật Xây dựng 2014','2015-01-01','135/2025/QH15','2026-07-01',NULL,'unverified','Nghị định 217/2026/NĐ-CP (hiệu lực 01/07/2026) hướng dẫn "Luật Xây dựng năm 2025" số 135/2025/QH15; văn bản Luật 135/2025 chưa đọc.');
INSERT INTO "kb_legal_document" VALUES(6,'135/2025/QH15','Luật Xây dựng 2025','2026-07-01',NULL,NULL,NULL,'unverified',NULL);
INSERT INTO "kb_legal_document" VALUES(7,'175/2024/NĐ-CP','Nghị định quy định chi tiết Luật Xây dựng về quản lý hoạt động xây dựng','2024-12-30','217/2026/NĐ-CP','2026-07-01','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md','known',NULL);
INSERT INTO "kb_legal_document" VALUES(8,'217/2026/NĐ-CP','Nghị định quy định chi tiết Luật Xây dựng về quản lý hoạt động xây dựng','2026-07-01',NULL,NULL,'diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md','known',NULL);
INSERT INTO "kb_legal_document" VALUES(9,'111/2010/NĐ-CP','Nghị định hướng dẫn Luật Lý lịch tư pháp','2011-01-10','216/2026/NĐ-CP','2026-07-01','diepxuan/diepxuan.github.io van-ban/tu-phap-thi-hanh-an/nghi-dinh-216-2026-nd-cp-ly-lich-tu-phap.md','known',NULL);
INSERT INTO "kb_legal_document" VALUES(10,'216/2026/NĐ-CP','Nghị định quy định chi tiết Luật Lý lịch tư pháp','2026-07-01',NULL,NULL,'diepxuan/diepxuan.github.io van-ban/tu-phap-thi-hanh-an/nghi-dinh-216-2026-nd-cp-ly-lich-tu-phap.md','known',NULL);
INSERT INTO "kb_legal_document" VALUES(11,'66.22/2026/NQ-CP','Nghị quyết về phát triển công dân số (hiệu lực 15/08/2026 đến 28/02/2027)','2026-08-15',NULL,NULL,'diepxuan/diepxuan.github.io van-ban/chinh-phu/nghi-quyet-66.22-2026-nq-cp-phat-trien-cong-dan-so.md','known',NULL);
INSERT INTO "kb_legal_document" VALUES(12,'117/2026/TT-BTC','Thông tư miễn, giảm phí, lệ phí cho công dân số (hiệu lực 15/08/2026 đến hết 28/02/2027)','2026-08-15',NULL,NULL,'diepxuan/diepxuan.github.io van-ban/117-2026-tt-btc.md','known',NULL);
INSERT INTO "kb_legal_document" VALUES(13,'64/2025/TT-BTC','Thông tư giảm 50% một số khoản phí, lệ phí (01/07/2025 đến hết 31/12/2026)','2025-07-01',NULL,NULL,NULL,'unverified','Văn bản chưa đọc; mức giảm và thời hạn đọc ở Nghị quyết 66.22/2026/NQ-CP Phụ lục II.');
INSERT INTO "kb_legal_document" VALUES(14,'73/2024/TT-BTC','Thông tư quy định lệ phí cấp đổi, cấp lại thẻ căn cước',NULL,NULL,NULL,NULL,'unverified',NULL);
INSERT INTO "kb_legal_document" VALUES(15,'75/2022/TT-BTC','Thông tư quy định lệ phí đăng ký cư trú',NULL,NULL,NULL,NULL,'unverified',NULL);
INSERT INTO "kb_legal_document" VALUES(16,'16/2025/TT-BTC','Thông tư quy định phí cung cấp thông tin lý lịch tư pháp',NULL,NULL,NULL,NULL,'unverified',NULL);
INSERT INTO "kb_legal_document" VALUES(17,'281/2016/TT-BTC','Thông tư quy định phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch',NULL,NULL,NULL,NULL,'unverified',NULL);
CREATE TABLE kb_meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT, 
	PRIMARY KEY ("key")
);
INSERT INTO "kb_meta" VALUES('place_aliases','[{"text": "xã An Quy", "kind": "commune", "target": "an_qui", "members": ["an_qui"]}, {"text": "h. Thạnh Phú", "kind": "district", "target": "huyện Thạnh Phú", "members": ["dai_dien", "quoi_dien", "thanh_phu", "an_qui", "thanh_hai", "thanh_phong"]}, {"text": "h Thạnh Phú", "kind": "district", "target": "huyện Thạnh Phú", "members": ["dai_dien", "quoi_dien", "thanh_phu", "an_qui", "thanh_hai", "thanh_phong"]}, {"text": "huyện Thạnh Phú cũ", "kind": "district", "target": "huyện Thạnh Phú", "members": ["dai_dien", "quoi_dien", "thanh_phu", "an_qui", "thanh_hai", "thanh_phong"]}]');
INSERT INTO "kb_meta" VALUES('messages','{"agency_line": "Cơ quan giải quyết: {agency}", "benefit_header": "Mức trợ cấp:", "channel_in_person": "Nộp trực tiếp", "channel_online": "Nộp trực tuyến", "channel_post": "Gửi qua bưu chính", "condition_exempt": "Được miễn: {list}.", "condition_general": "Mức chung:", "condition_header": "Lệ phí {name} – {who} (ngày {date}):", "condition_none": "- Không có mức lệ phí riêng cho {who}.", "copies": "{n} bản", "deadline_header": "Thời hạn phải làm {name}:", "deadline_late": "Nếu trễ hạn: {text}", "deadline_late_unknown": "Trễ hạn thì sao: chưa có thông tin chính thức trong dữ liệu; hỏi bộ phận một cửa UBND xã.", "default_ask": "bộ phận một cửa UBND xã nơi bạn cư trú (Trung tâm Phục vụ hành chính công xã)", "documents_header": "Giấy tờ cần cho {name}:", "documents_partial": "Có thể còn giấy tờ khác: {note}", "eligibility_header": "Ai được làm {name}:", "fee_amount": "{amount}", "fee_cheaper_header": "Rẻ hơn nếu:", "fee_exemptions": "Được miễn: {list}.", "fee_free": "miễn phí", "fee_header": "Lệ phí {name} (áp dụng ngày {date}):", "fee_max": "tối đa {amount}", "fee_online": "nộp online: {amount}", "fee_per": "{amount}/{per}", "form_header": "Mẫu đơn, tờ khai cho {name}:", "form_unknown_number": "chưa rõ số hiệu mẫu", "form_where": "Lấy ở: {where}", "from_line": "Từ {date}: {what}.", "kind_certified_copy": "bản sao có chứng thực", "kind_copy": "bản sao", "kind_original": "bản chính", "kind_show_original": "mang bản chính để đối chiếu", "more_line": "Xem thêm: {link}", "no_procedure": "Xin lỗi, dvcbot chưa có thủ tục này. Bạn xem trên Cổng Dịch vụ công: {link}", "not_required_header": "Trường hợp không phải xin/làm {name}:", "notice_line": "⚠ Lưu ý: {text}", "office_address": "Địa chỉ: {value}", "office_former": "Gồm các đơn vị cũ: {list}.", "office_header": "Bộ phận một cửa {commune}:", "office_hours": "Giờ làm việc: {value}", "office_no_commune": "Bạn ở xã nào? Các xã hiện có: {list}.", "office_phone": "Điện thoại: {value}", "office_unknown_field": "chưa có thông tin", "office_unknown_hint": "Thông tin còn thiếu: bạn xem trên Cổng Dịch vụ công hoặc hỏi UBND xã.", "office_unverified": "Danh sách xã mới chưa được đối chiếu văn bản chính thức.", "online_fee": "Lệ phí khi nộp online: {fees}.", "online_level": "Mức dịch vụ trực tuyến: {level}.", "online_next": "Gõ \"tiếp\" để xem cách nộp online từng bước.", "online_no": "{name} không nộp trực tuyến được.", "online_unknown": "Chưa có thông tin chính thức {name} có nộp trực tuyến được không. Bạn xem trên Cổng Dịch vụ công hoặc hỏi {ask}.", "online_yes": "{name} nộp trực tuyến được qua {via}.", "procedure_fee": "Lệ phí: {fee}", "procedure_header": "{name}: {summary}", "procedure_more": "Hỏi tiếp: giấy tờ / lệ phí / nộp online", "procedure_time": "Thời gian: {time}", "procedure_unknown_part": "chưa rõ", "procedure_where": "Nơi làm: {where}", "source_line": "Căn cứ: {sources}.", "time_header": "Thời gian giải quyết {name}:", "unknown_case": "{case}: chưa có thông tin chính thức, hỏi {ask}.", "unknown_fact": "Chưa có thông tin chính thức về {what} của thủ tục {name}. Bạn hỏi {ask}.", "until": "đến {date}", "unverified_mark": " (chưa xác minh)", "updated_line": "(cập nhật {date})", "what_deadline": "thời hạn phải đăng ký", "what_documents": "giấy tờ cần nộp", "what_eligibility": "điều kiện, đối tượng được làm", "what_fee": "lệ phí", "what_form": "mẫu đơn, tờ khai", "what_not_required": "trường hợp không phải làm thủ tục", "what_online": "việc nộp trực tuyến", "what_procedure": "cách làm", "what_processing_time": "thời gian giải quyết", "what_where": "nơi nộp hồ sơ", "where_header": "Nơi làm {name}:"}');
INSERT INTO "kb_meta" VALUES('conditions','{"channel": {"label": "cách nộp hồ sơ", "type": "value", "values": {"trực tiếp": {"label": "nộp trực tiếp", "words": ["trực tiếp", "tại chỗ", "lên xã", "ra xã", "tới xã", "đến xã", "lên công an", "ra công an", "tại quầy"]}, "trực tuyến": {"label": "nộp trực tuyến", "words": ["online", "onl", "trực tuyến", "truc tuyen", "qua mạng", "trên mạng", "qua vneid", "trên vneid", "bằng vneid", "qua app", "trên app", "qua điện thoại", "dịch vụ công trực tuyến", "nộp mạng"]}}}, "cong_dan_so": {"label": "nộp trực tuyến bằng tài khoản VNeID mức 2 đã tích hợp đủ 5 giấy tờ cơ bản (công dân số)", "short": "công dân số nộp trực tuyến", "type": "flag", "words": ["công dân số", "vneid mức 2", "vneid muc do 2", "định danh mức 2", "định danh mức độ 2", "tài khoản mức 2", "mức độ 2", "mức 2", "tích hợp đủ", "tích hợp 5 giấy tờ", "đã tích hợp"]}, "groups": {"label": "đối tượng được miễn, giảm", "type": "list", "values": {"can_ngheo": {"label": "người thuộc hộ cận nghèo", "words": ["cận nghèo", "hộ cận nghèo", "nhà cận nghèo", "sổ cận nghèo"]}, "ho_ngheo": {"label": "người thuộc hộ nghèo", "words": ["hộ nghèo", "nhà nghèo", "sổ nghèo", "sổ hộ nghèo", "diện nghèo"]}, "hoc_sinh": {"label": "học sinh (từ đủ 16 tuổi)", "words": ["học sinh", "hoc sanh", "đang đi học"]}, "nguoi_cao_tuoi": {"label": "người cao tuổi", "words": ["người cao tuổi", "người già", "cao tuổi", "ông bà già", "trên 60 tuổi", "trên 70 tuổi", "trên 75 tuổi"]}, "nguoi_co_cong": {"label": "người có công với cách mạng và gia đình", "words": ["người có công", "có công với cách mạng", "gia đình chính sách", "con liệt sĩ", "con liệt sỹ", "thương binh", "bệnh binh", "gia đình có công"]}, "nguoi_khuyet_tat": {"label": "người khuyết tật", "words": ["khuyết tật", "tàn tật", "người tàn tật", "giấy khuyết tật"]}, "sinh_vien": {"label": "sinh viên", "words": ["sinh viên", "sinh vien", "đang học đại học"]}, "than_nhan_liet_si": {"label": "thân nhân liệt sĩ", "words": ["thân nhân liệt sĩ", "thân nhân liệt sỹ", "vợ liệt sĩ", "mẹ liệt sĩ", "cha liệt sĩ"]}, "tre_em": {"label": "trẻ em", "words": ["trẻ em", "con nít", "con nhỏ", "em bé"]}, "xa_dac_biet_kho_khan": {"label": "người cư trú ở xã đặc biệt khó khăn", "words": ["xã đặc biệt khó khăn", "vùng đặc biệt khó khăn"]}}}}');
INSERT INTO "kb_meta" VALUES('fingerprint','8e818cde1789e362b0f456d675b2f5d0f4e3e58ba58b88b636f39fe90dff8961');
INSERT INTO "kb_meta" VALUES('schema_version','3');
INSERT INTO "kb_meta" VALUES('loaded_at','2026-12-01T15:21:48+00:00');
CREATE TABLE kb_not_required (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	text TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_not_required" VALUES('unverified','Nghị định 217/2026 (đã đọc) xác nhận có diện "không phải có giấy phép xây dựng" theo khoản 2 Điều 43 Luật Xây dựng năm 2025 và UBND xã kiểm tra điều kiện này; văn bản Điều 43 Luật 135/2025 chưa đọc, điều kiện cụ thể lấy từ nguồn phụ.',NULL,'2026-12-01','2026-07-01',NULL,0,'knowledge/data/procedures/giay_phep_xay_dung.yml',158,'not_required[0]','Đối với công trình thuộc đối tượng không phải có giấy phép xây dựng: kiểm tra việc đáp ứng điều kiện không phải có giấy phép xây dựng đối với công trình thuộc đối tượng theo quy định tại khoản 2 Điều 43 Luật Xây dựng năm 2025','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md',NULL,1,'Luật Xây dựng 2025 (khoản 2 Điều 43) có các trường hợp công trình không phải có giấy phép xây dựng; nguồn phụ ghi nhà ở riêng lẻ dưới 7 tầng và tổng diện tích sàn dưới 500 m², không nằm trong khu vực có quy hoạch chi tiết, quy chế quản lý kiến trúc hay khu bảo tồn. Trước khi xây, hỏi UBND xã nhà bạn có thuộc diện này không.',12,75);
CREATE TABLE kb_notice (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	text TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_notice" VALUES('unverified',NULL,NULL,'2026-11-25','2026-09-01',NULL,0,'knowledge/data/procedures/bhyt_tre_em.yml',10,'notices[0]',NULL,NULL,NULL,1,'Từ 01/09/2026 Nghị định 301/2026/NĐ-CP sửa Nghị định 63/2024 (tờ khai liên thông mới, thêm cấp căn cước cho trẻ dưới 6 tuổi); giấy tờ và thời hạn mới chưa đối chiếu, hỏi UBND xã.',1,4);
INSERT INTO "kb_notice" VALUES('unverified','Chưa đọc văn bản Luật 03/2026/QH16.',NULL,'2026-12-01','2027-03-01',NULL,0,'knowledge/data/procedures/cai_chinh_ho_tich.yml',69,'notices[0]',NULL,NULL,NULL,2,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 60/2014/QH13; thủ tục có thể thay đổi, hỏi UBND xã trước khi nộp.',2,11);
INSERT INTO "kb_notice" VALUES('unverified','Chưa đọc văn bản Luật 03/2026/QH16.',NULL,'2026-12-01','2027-03-01',NULL,0,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',41,'notices[0]',NULL,NULL,NULL,3,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 60/2014/QH13; thủ tục có thể thay đổi, hỏi UBND xã trước khi nộp.',7,11);
INSERT INTO "kb_notice" VALUES('unverified',NULL,NULL,'2026-12-01','2027-03-01',NULL,0,'knowledge/data/procedures/giam_ho.yml',37,'notices[0]',NULL,NULL,NULL,4,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 60/2014/QH13; thủ tục có thể thay đổi, hỏi UBND xã trước khi nộp.',11,11);
INSERT INTO "kb_notice" VALUES('unverified',NULL,NULL,'2026-11-25','2027-03-01',NULL,0,'knowledge/data/procedures/ket_hon.yml',38,'notices[0]',NULL,NULL,NULL,5,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 2014; thủ tục có thể thay đổi, hỏi UBND xã trước khi đi.',17,109);
INSERT INTO "kb_notice" VALUES('unverified',NULL,NULL,'2026-11-25','2027-03-01',NULL,0,'knowledge/data/procedures/khai_sinh.yml',39,'notices[0]',NULL,NULL,NULL,6,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 2014; thủ tục có thể thay đổi, hỏi UBND xã trước khi đi.',18,109);
INSERT INTO "kb_notice" VALUES('unverified',NULL,NULL,'2026-12-01','2027-03-01',NULL,0,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',45,'notices[0]',NULL,NULL,NULL,7,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 60/2014/QH13; thủ tục có thể thay đổi, hỏi UBND xã trước khi nộp.',19,11);
INSERT INTO "kb_notice" VALUES('unverified',NULL,NULL,'2026-12-01','2027-03-01',NULL,0,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',41,'notices[0]',NULL,NULL,NULL,8,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 60/2014/QH13; thủ tục có thể thay đổi, hỏi UBND xã trước khi nộp.',20,11);
INSERT INTO "kb_notice" VALUES('unverified',NULL,NULL,'2026-11-25','2027-03-01',NULL,0,'knowledge/data/procedures/khai_tu.yml',34,'notices[0]',NULL,NULL,NULL,9,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 2014; thủ tục có thể thay đổi, hỏi UBND xã trước khi đi.',21,109);
INSERT INTO "kb_notice" VALUES('unverified',NULL,NULL,'2026-12-01','2027-03-01',NULL,0,'knowledge/data/procedures/nhan_cha_me_con.yml',36,'notices[0]',NULL,NULL,NULL,10,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 60/2014/QH13; thủ tục có thể thay đổi, hỏi UBND xã trước khi nộp.',23,11);
INSERT INTO "kb_notice" VALUES('unverified',NULL,NULL,'2026-11-25','2027-03-01',NULL,0,'knowledge/data/procedures/trich_luc_ho_tich.yml',39,'notices[0]',NULL,NULL,NULL,11,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 2014; thủ tục có thể thay đổi, hỏi UBND xã trước khi đi.',27,109);
INSERT INTO "kb_notice" VALUES('unverified',NULL,NULL,'2026-11-25','2027-03-01',NULL,0,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',36,'notices[0]',NULL,NULL,NULL,12,'Từ 01/03/2027 Luật Hộ tịch 03/2026/QH16 thay Luật Hộ tịch 2014; thủ tục có thể thay đổi, hỏi UBND xã trước khi đi.',30,109);
CREATE TABLE kb_office (
	id INTEGER NOT NULL, 
	commune_id INTEGER NOT NULL, 
	name TEXT, 
	address TEXT, 
	phone TEXT, 
	hours TEXT, 
	source_id INTEGER, 
	verified_on DATE, 
	PRIMARY KEY (id), 
	UNIQUE (commune_id), 
	FOREIGN KEY(commune_id) REFERENCES kb_commune (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_office" VALUES(1,1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "kb_office" VALUES(2,2,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "kb_office" VALUES(3,3,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "kb_office" VALUES(4,4,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "kb_office" VALUES(5,5,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "kb_office" VALUES(6,6,NULL,NULL,NULL,NULL,NULL,NULL);
CREATE TABLE kb_old_district (
	id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	folded TEXT NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "kb_old_district" VALUES(1,'huyện Thạnh Phú','huyen thanh phu');
CREATE TABLE kb_online_step (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	effective_from DATE, 
	effective_to DATE, 
	source_id INTEGER, 
	verified_on DATE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_online_step" VALUES(1,0,'Bước 1: Cài ứng dụng VNeID trên điện thoại và có tài khoản định danh điện tử mức 2. Chưa có mức 2 thì hỏi Công an xã.','known',NULL,NULL,188,'2026-11-25');
INSERT INTO "kb_online_step" VALUES(2,1,'Trước khi nộp: trên VNeID tích hợp đủ 5 giấy tờ cơ bản (Nghị quyết 66.22/2026/NQ-CP, Phụ lục I). Đến 28/02/2027, công dân số nộp online được miễn lệ phí căn cước, hộ chiếu, cư trú, lý lịch tư pháp, trích lục.','known','2026-08-15','2027-02-28',189,'2026-12-01');
INSERT INTO "kb_online_step" VALUES(3,2,'Bước 2: Vào trang dichvucong.gov.vn, bấm Đăng nhập, chọn đăng nhập bằng tài khoản VNeID rồi xác nhận trên ứng dụng VNeID.','unverified',NULL,NULL,190,'2026-11-25');
INSERT INTO "kb_online_step" VALUES(4,3,'Bước 3: Gõ tên thủ tục vào ô tìm kiếm (ví dụ: đăng ký khai sinh), chọn tỉnh Vĩnh Long và xã nơi nộp, bấm Nộp trực tuyến.','unverified',NULL,NULL,190,'2026-11-25');
INSERT INTO "kb_online_step" VALUES(5,4,'Bước 4: Điền tờ khai, chụp hoặc quét rõ từng giấy tờ rồi đính kèm. Kiểm tra lại thông tin và bấm Nộp hồ sơ.','known',NULL,NULL,190,'2026-11-25');
INSERT INTO "kb_online_step" VALUES(6,5,'Bước 5: Nếu thủ tục có lệ phí, thanh toán trực tuyến ngay trên cổng (thẻ ngân hàng, ví điện tử). Giữ lại biên lai.','known',NULL,NULL,190,'2026-11-25');
INSERT INTO "kb_online_step" VALUES(7,6,'Bước 6: Ghi lại mã hồ sơ. Xem tình trạng ở mục Quản lý hồ sơ trên cổng, hoặc gửi mã hồ sơ cho dvcbot để tra cứu.','unverified',NULL,NULL,191,'2026-11-25');
INSERT INTO "kb_online_step" VALUES(8,7,'Bước 7: Khi có kết quả, cổng báo qua tin nhắn hoặc thư điện tử. Vướng ở bước nào thì hỏi bộ phận một cửa UBND xã.','known',NULL,NULL,190,'2026-11-25');
CREATE TABLE kb_online_submission (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	available VARCHAR(16), 
	level TEXT, 
	via TEXT, 
	link TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/bhyt_tre_em.yml',86,'online',NULL,NULL,NULL,1,'yes',NULL,'Cổng Dịch vụ công quốc gia
VNeID',NULL,1,1);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cai_chinh_ho_tich.yml',197,'online',NULL,'national-catalog-2026-07 details/1.004859.json',NULL,2,'yes','một phần (bản ghi quốc gia không đánh dấu toàn trình)','Cổng Dịch vụ công quốc gia
VNeID',NULL,2,5);
INSERT INTO "kb_online_submission" VALUES('known','Vẫn phải đến thu nhận vân tay, ảnh khuôn mặt khi cấp lần đầu, cấp đổi; công dân số nộp online được miễn lệ phí đến 28/02/2027.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/can_cuoc.yml',237,'online',NULL,NULL,NULL,3,'yes','một phần','VNeID
Cổng Dịch vụ công quốc gia
Cổng Dịch vụ công Bộ Công an',NULL,3,26);
INSERT INTO "kb_online_submission" VALUES('unknown',NULL,'cơ quan bảo hiểm xã hội hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cap_lai_the_bhyt.yml',121,'online',NULL,NULL,NULL,4,'unknown',NULL,NULL,NULL,4,27);
INSERT INTO "kb_online_submission" VALUES('unknown',NULL,'Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc bộ phận một cửa UBND xã','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_ban_sao.yml',82,'online',NULL,NULL,NULL,5,'unknown',NULL,NULL,NULL,5,NULL);
INSERT INTO "kb_online_submission" VALUES('unverified','Người yêu cầu phải có mặt và ký trước mặt người thực hiện chứng thực.',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_chu_ky.yml',72,'online',NULL,NULL,NULL,6,'no',NULL,NULL,NULL,6,40);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',166,'online',NULL,'national-catalog-2026-07 details/1.004884.json',NULL,7,'yes','một phần (bản ghi quốc gia không đánh dấu toàn trình)','Cổng Dịch vụ công quốc gia
VNeID',NULL,7,41);
INSERT INTO "kb_online_submission" VALUES('known','Nộp trực tuyến thì giấy tờ phải được số hóa từ bản chính hoặc bản sao đã công chứng, chứng thực.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/dat_dai_lan_dau.yml',84,'online','Nộp trực tuyến tại địa chỉ https://dichvucong.gov.vn','VoidKeishi/OpenGOV backend/data/crawl/details/1.115748.json',NULL,8,'yes',NULL,'Cổng Dịch vụ công quốc gia',NULL,8,45);
INSERT INTO "kb_online_submission" VALUES('unknown','Thông tư 117/2026/TT-BTC miễn lệ phí khi công dân số nộp trực tuyến, nhưng kênh nộp (Cổng Dịch vụ công, VNeID) chưa đọc ở bản ghi nào.','Công an xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/doi_gplx.yml',94,'online',NULL,NULL,NULL,9,'unknown',NULL,NULL,NULL,9,49);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/gia_han_tam_tru.yml',144,'online',NULL,'national-catalog-2026-07 details/1.002755.json',NULL,10,'yes',NULL,'Cổng Dịch vụ công quốc gia
Cổng Dịch vụ công Bộ Công an
VNeID',NULL,10,52);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/giam_ho.yml',122,'online',NULL,'national-catalog-2026-07 details/1.004837.json',NULL,11,'yes','một phần (bản ghi quốc gia không đánh dấu toàn trình)','Cổng Dịch vụ công quốc gia
VNeID',NULL,11,59);
INSERT INTO "kb_online_submission" VALUES('unknown',NULL,'Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc bộ phận một cửa UBND xã','2026-11-25',NULL,'2026-06-30',0,'knowledge/data/procedures/giay_phep_xay_dung.yml',143,'online[0]',NULL,NULL,NULL,12,'unknown',NULL,NULL,NULL,12,NULL);
INSERT INTO "kb_online_submission" VALUES('known','Kết quả nhận trực tuyến hoặc qua bưu chính (Điều 54 khoản 4).',NULL,'2026-12-01','2026-07-01',NULL,1,'knowledge/data/procedures/giay_phep_xay_dung.yml',148,'online[1]','Tổ chức, cá nhân đề nghị cấp giấy phép xây dựng mới, điều chỉnh, gia hạn hoặc cấp lại giấy phép xây dựng nhận kết quả trực tuyến hoặc qua dịch vụ bưu chính','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md',NULL,13,'yes',NULL,'Cổng Dịch vụ công quốc gia',NULL,12,73);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_chieu.yml',179,'online',NULL,NULL,NULL,14,'yes',NULL,'Cổng Dịch vụ công quốc gia',NULL,13,76);
INSERT INTO "kb_online_submission" VALUES('unknown',NULL,'Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc bộ phận một cửa UBND xã','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_kinh_doanh.yml',68,'online',NULL,NULL,NULL,15,'unknown',NULL,NULL,NULL,14,NULL);
INSERT INTO "kb_online_submission" VALUES('unknown',NULL,'UBND xã nơi cư trú hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_ngheo.yml',90,'online',NULL,NULL,NULL,16,'unknown',NULL,NULL,NULL,15,92);
INSERT INTO "kb_online_submission" VALUES('unknown',NULL,'UBND xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_tro_mai_tang.yml',122,'online',NULL,NULL,NULL,17,'unknown',NULL,NULL,NULL,16,93);
INSERT INTO "kb_online_submission" VALUES('known','Dù nộp hồ sơ thế nào, hai bên vẫn phải cùng có mặt khi đăng ký (Luật Hộ tịch, Điều 18).',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ket_hon.yml',88,'online','Nếu lựa chọn hình thức nộp hồ sơ trực tuyến, người yêu cầu đăng ký kết hôn truy cập Cổng dịch vụ công quốc gia hoặc Ứng dụng định danh quốc gia.','VoidKeishi/OpenGOV backend/data/crawl/details/1.000894.json',NULL,18,'yes',NULL,'Cổng Dịch vụ công quốc gia
VNeID',NULL,17,108);
INSERT INTO "kb_online_submission" VALUES('known','Nộp trực tuyến qua nhóm thủ tục liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ dưới 6 tuổi.',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_sinh.yml',103,'online',NULL,NULL,NULL,19,'yes',NULL,'Cổng Dịch vụ công quốc gia
VNeID',NULL,18,1);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',147,'online',NULL,'national-catalog-2026-07 details/1.004772.json',NULL,20,'yes','một phần (bản ghi quốc gia không đánh dấu toàn trình)','Cổng Dịch vụ công quốc gia
VNeID',NULL,19,115);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',137,'online',NULL,'national-catalog-2026-07 details/1.000689.json',NULL,21,'yes','một phần (bản ghi quốc gia không đánh dấu toàn trình)','Cổng Dịch vụ công quốc gia
VNeID',NULL,20,117);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_tu.yml',88,'online','Nếu lựa chọn hình thức nộp hồ sơ trực tuyến, người yêu cầu đăng ký khai tử truy cập Cổng dịch vụ công quốc gia hoặc Ứng dụng định danh quốc gia.','VoidKeishi/OpenGOV backend/data/crawl/details/1.000656.json',NULL,22,'yes',NULL,'Cổng Dịch vụ công quốc gia
VNeID',NULL,21,123);
INSERT INTO "kb_online_submission" VALUES('known','Nhận Phiếu bản điện tử trên VNeID hoặc Cổng Dịch vụ công.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ly_lich_tu_phap.yml',167,'online','Trường hợp yêu cầu cấp Phiếu lý lịch tư pháp trực tuyến thì khai Tờ khai điện tử theo hướng dẫn trên ứng dụng định danh quốc gia hoặc cổng dịch vụ công quốc gia','diepxuan/diepxuan.github.io van-ban/tu-phap-thi-hanh-an/nghi-dinh-216-2026-nd-cp-ly-lich-tu-phap.md',NULL,23,'yes',NULL,'VNeID
Cổng Dịch vụ công quốc gia',NULL,22,134);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/nhan_cha_me_con.yml',134,'online',NULL,'national-catalog-2026-07 details/1.001022.json',NULL,24,'yes','một phần (bản ghi quốc gia không đánh dấu toàn trình)','Cổng Dịch vụ công quốc gia
VNeID',NULL,23,138);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tach_ho.yml',128,'online',NULL,'national-catalog-2026-07 details/1.010038.json',NULL,25,'yes',NULL,'Cổng Dịch vụ công quốc gia
Cổng Dịch vụ công Bộ Công an
VNeID',NULL,24,143);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tam_tru.yml',108,'online',NULL,NULL,NULL,26,'yes',NULL,'Cổng Dịch vụ công quốc gia',NULL,25,152);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/thuong_tru.yml',121,'online',NULL,NULL,NULL,27,'yes',NULL,'Cổng Dịch vụ công quốc gia',NULL,26,152);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/trich_luc_ho_tich.yml',110,'online','Nếu lựa chọn hình thức nộp hồ sơ trực tuyến, người yêu cầu cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh truy cập Cổng dịch vụ công quốc gia hoặc Ứng dụng định danh quốc gia.','VoidKeishi/OpenGOV backend/data/crawl/details/2.000635.json',NULL,28,'yes',NULL,'Cổng Dịch vụ công quốc gia
VNeID',NULL,27,165);
INSERT INTO "kb_online_submission" VALUES('unknown',NULL,'UBND xã nơi cư trú hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',134,'online',NULL,NULL,NULL,29,'unknown',NULL,NULL,NULL,28,167);
INSERT INTO "kb_online_submission" VALUES('unknown',NULL,'Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc bộ phận một cửa UBND xã','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tro_cap_xa_hoi.yml',107,'online',NULL,NULL,NULL,30,'unknown',NULL,NULL,NULL,29,NULL);
INSERT INTO "kb_online_submission" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',107,'online','Nếu lựa chọn hình thức nộp hồ sơ trực tuyến, người yêu cầu cấp Giấy xác nhận tình trạng hôn nhân truy cập Cổng dịch vụ công quốc gia hoặc Ứng dụng định danh quốc gia.','VoidKeishi/OpenGOV backend/data/crawl/details/1.004873.json',NULL,31,'yes',NULL,'Cổng Dịch vụ công quốc gia
VNeID',NULL,30,178);
CREATE TABLE kb_procedure (
	id INTEGER NOT NULL, 
	"key" VARCHAR(64) NOT NULL, 
	name TEXT NOT NULL, 
	summary TEXT, 
	ma_tthc VARCHAR(32), 
	ma_tthc_status VARCHAR(16) NOT NULL, 
	portal_link TEXT NOT NULL, 
	verified_on DATE, 
	documents_complete BOOLEAN NOT NULL, 
	documents_note TEXT, 
	src_file TEXT, 
	PRIMARY KEY (id), 
	UNIQUE ("key")
);
INSERT INTO "kb_procedure" VALUES(1,'bhyt_tre_em','Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi','Thẻ BHYT cho trẻ dưới 6 tuổi do Nhà nước đóng, làm cùng lúc với khai sinh và đăng ký thường trú.','2.000986','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-95d8-77dd-86c5-880463eb8dbe','2026-11-25',0,NULL,'knowledge/data/procedures/bhyt_tre_em.yml');
INSERT INTO "kb_procedure" VALUES(2,'cai_chinh_ho_tich','Thay đổi, cải chính, bổ sung thông tin hộ tịch','Sửa thông tin sai (họ tên, ngày sinh...) hoặc bổ sung thông tin còn thiếu trong Giấy khai sinh và sổ hộ tịch, xác định lại dân tộc; làm tại UBND xã.','1.004859','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671e-714b-8fd6-8230c82f7867','2026-12-01',0,'Giấy tờ làm căn cứ tùy việc cần sửa; hỏi công chức tư pháp - hộ tịch xã trước khi đi.','knowledge/data/procedures/cai_chinh_ho_tich.yml');
INSERT INTO "kb_procedure" VALUES(3,'can_cuoc','Cấp, đổi, cấp lại thẻ căn cước','Cấp thẻ căn cước lần đầu, đổi từ CCCD sang thẻ căn cước, cấp đổi hoặc cấp lại khi mất, hỏng.',NULL,'unknown','https://dichvucong.gov.vn','2026-11-25',0,'Nếu thông tin của bạn chưa có hoặc sai trong Cơ sở dữ liệu quốc gia về dân cư, phải điều chỉnh trước; hỏi Công an xã.','knowledge/data/procedures/can_cuoc.yml');
INSERT INTO "kb_procedure" VALUES(4,'cap_lai_the_bhyt','Cấp lại, đổi thẻ bảo hiểm y tế','Xin cấp lại thẻ BHYT bị mất, hoặc đổi thẻ bị rách, hỏng, sai thông tin; làm tại cơ quan bảo hiểm xã hội.','1.002759','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfb-df35-76fe-b9f6-886f8a133b5c','2026-12-01',0,'Lời văn gốc Luật năm 2008; bản ghi chi tiết của thủ tục 1.002759 không có trong bộ dữ liệu, hỏi cơ quan bảo hiểm xã hội.','knowledge/data/procedures/cap_lai_the_bhyt.yml');
INSERT INTO "kb_procedure" VALUES(5,'chung_thuc_ban_sao','Chứng thực bản sao từ bản chính','Chứng thực bản sao (photo) giấy tờ từ bản chính, tức "sao y".','2.000815','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-8e22-77ef-819f-e49460350904','2026-11-25',1,NULL,'knowledge/data/procedures/chung_thuc_ban_sao.yml');
INSERT INTO "kb_procedure" VALUES(6,'chung_thuc_chu_ky','Chứng thực chữ ký','Chứng thực chữ ký của người dân trên giấy tờ, văn bản (ví dụ giấy ủy quyền, đơn).','2.000884','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-8e2e-7359-b42f-d5dc8d74741b','2026-11-25',0,'Người yêu cầu phải ký trước mặt người thực hiện chứng thực.','knowledge/data/procedures/chung_thuc_chu_ky.yml');
INSERT INTO "kb_procedure" VALUES(7,'dang_ky_lai_khai_sinh','Đăng ký lại khai sinh','Làm lại Giấy khai sinh khi không còn bản chính; xã tra cứu việc khai sinh cũ, kết quả tra cứu quyết định có được đăng ký lại không (còn lưu thì có thể xin bản sao, tức trích lục). Làm tại UBND xã.','1.004884','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6eac-7598-b88b-15f8a61b366a','2026-12-01',0,'Cán bộ, công chức, lực lượng vũ trang thêm xác nhận của thủ trưởng cơ quan.','knowledge/data/procedures/dang_ky_lai_khai_sinh.yml');
INSERT INTO "kb_procedure" VALUES(8,'dat_dai_lan_dau','Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu','Đăng ký đất đai và cấp Giấy chứng nhận quyền sử dụng đất (sổ đỏ) lần đầu.','1.115748','unverified','https://dichvucong.gov.vn','2026-11-25',0,NULL,'knowledge/data/procedures/dat_dai_lan_dau.yml');
INSERT INTO "kb_procedure" VALUES(9,'doi_gplx','Đổi, cấp lại giấy phép lái xe','Đổi giấy phép lái xe (bằng lái), cấp lại khi mất; do cơ quan Công an giải quyết.','3.000347','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-bda8-740c-9f49-ddaae438530d','2026-12-01',0,NULL,'knowledge/data/procedures/doi_gplx.yml');
INSERT INTO "kb_procedure" VALUES(10,'gia_han_tam_tru','Gia hạn tạm trú (công dân Việt Nam)','Kéo dài thời hạn tạm trú đã đăng ký khi sắp hết hạn; làm tại Công an xã nơi đang tạm trú hoặc trực tuyến.','1.002755','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-6762-77ee-9a0c-965773ce7afe','2026-12-01',0,'Luật Cư trú Điều 28 còn nêu giấy tờ chứng minh chỗ ở hợp pháp; bản ghi 2026 chỉ ghi tờ khai CT01. Mang theo nếu có.','knowledge/data/procedures/gia_han_tam_tru.yml');
INSERT INTO "kb_procedure" VALUES(11,'giam_ho','Đăng ký giám hộ','Đăng ký người giám hộ (được cử hoặc giám hộ đương nhiên theo Bộ luật Dân sự); làm tại UBND xã.','1.004837','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671b-75fa-82fb-8ad05a37f638','2026-12-01',0,'Ai được cử, ai là giám hộ đương nhiên do Bộ luật Dân sự quy định; hỏi công chức tư pháp - hộ tịch xã.','knowledge/data/procedures/giam_ho.yml');
INSERT INTO "kb_procedure" VALUES(12,'giay_phep_xay_dung','Cấp giấy phép xây dựng nhà ở riêng lẻ','Xin giấy phép xây dựng nhà ở riêng lẻ (cất nhà, xây nhà) tại UBND xã.','1.013225','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfe-9088-744d-aa0a-e846b6dce3d5','2026-11-25',0,'Bản vẽ phải đủ mặt bằng, mặt đứng, mặt cắt, móng theo Điều 60 khoản 3; trường hợp có yêu cầu còn cần kết quả thủ tục phòng cháy chữa cháy hoặc báo cáo thẩm tra thiết kế. Hỏi UBND xã.','knowledge/data/procedures/giay_phep_xay_dung.yml');
INSERT INTO "kb_procedure" VALUES(13,'ho_chieu','Cấp hộ chiếu phổ thông','Cấp hộ chiếu phổ thông (passport) cho công dân Việt Nam ở trong nước.','1.001456','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-5fda-7370-bc07-6f1fd02ffcc4','2026-11-25',0,'Các trường hợp đặc biệt khác theo Điều 15 khoản 2; hỏi Phòng Quản lý xuất nhập cảnh hoặc xem trên Cổng Dịch vụ công.','knowledge/data/procedures/ho_chieu.yml');
INSERT INTO "kb_procedure" VALUES(14,'ho_kinh_doanh','Đăng ký thành lập hộ kinh doanh','Đăng ký hộ kinh doanh (mở quán, tiệm, buôn bán nhỏ), được cấp Giấy chứng nhận đăng ký hộ kinh doanh.','1.001612','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfb-d76d-737f-81b9-69258b07240b','2026-11-25',0,NULL,'knowledge/data/procedures/ho_kinh_doanh.yml');
INSERT INTO "kb_procedure" VALUES(15,'ho_ngheo','Công nhận hộ nghèo, hộ cận nghèo','Hộ gia đình đề nghị được xét, công nhận là hộ nghèo hoặc hộ cận nghèo (hoặc thoát nghèo); UBND xã xét và công nhận.','1.011607','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfa-6008-72cb-9e63-83483f3a6e49','2026-12-01',0,NULL,'knowledge/data/procedures/ho_ngheo.yml');
INSERT INTO "kb_procedure" VALUES(16,'ho_tro_mai_tang','Hỗ trợ chi phí mai táng (đối tượng bảo trợ xã hội)','Người đứng ra lo mai táng cho người đang hưởng trợ cấp xã hội hằng tháng đã mất đề nghị UBND xã hỗ trợ chi phí mai táng.','1.001731','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfe-b7dd-7239-b166-b6cd79d326b8','2026-12-01',0,'Lời văn năm 2021 của Nghị định 20/2021 (đã sửa đổi sau đó); hỏi UBND xã trước khi đi.','knowledge/data/procedures/ho_tro_mai_tang.yml');
INSERT INTO "kb_procedure" VALUES(17,'ket_hon','Đăng ký kết hôn','Đăng ký kết hôn, được cấp Giấy chứng nhận kết hôn; hai bên cùng có mặt.','1.000894','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-a15eb239a6fe','2026-11-25',0,'Luật Hộ tịch chỉ nêu tờ khai và việc hai bên cùng có mặt; giấy tờ khác tùy trường hợp (ví dụ đã từng kết hôn), hỏi bộ phận một cửa xã.','knowledge/data/procedures/ket_hon.yml');
INSERT INTO "kb_procedure" VALUES(18,'khai_sinh','Đăng ký khai sinh','Đăng ký khai sinh cho trẻ, được cấp Giấy khai sinh.','1.001193','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7','2026-11-25',0,'Đây là giấy tờ Luật Hộ tịch nêu; trường hợp đặc biệt (trẻ bị bỏ rơi, sinh ở nước ngoài...) cần thêm giấy tờ khác, hỏi bộ phận một cửa xã.','knowledge/data/procedures/khai_sinh.yml');
INSERT INTO "kb_procedure" VALUES(19,'khai_sinh_nguoi_da_co_giay_to','Đăng ký khai sinh cho người đã có giấy tờ cá nhân','Đăng ký khai sinh cho người chưa từng được đăng ký khai sinh nhưng đã có giấy tờ cá nhân (căn cước, học bạ, sổ hộ khẩu...); làm tại UBND xã.','1.004772','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6711-733d-b674-fc3d805e70c8','2026-12-01',0,'Cán bộ, công chức, lực lượng vũ trang thêm xác nhận của thủ trưởng cơ quan.','knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml');
INSERT INTO "kb_procedure" VALUES(20,'khai_sinh_nhan_cha_con','Đăng ký khai sinh kết hợp nhận cha, mẹ, con','Làm khai sinh cho con đồng thời đăng ký cha (hoặc mẹ) nhận con, ví dụ khi cha mẹ chưa đăng ký kết hôn; làm tại UBND xã.','1.000689','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3faf-768a-9224-9cb889436133','2026-12-01',0,'Hỏi công chức tư pháp - hộ tịch xã về chứng cứ phù hợp.','knowledge/data/procedures/khai_sinh_nhan_cha_con.yml');
INSERT INTO "kb_procedure" VALUES(21,'khai_tu','Đăng ký khai tử','Đăng ký việc một người đã mất, được cấp Trích lục khai tử.','1.000656','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-9c6c958f2da4','2026-11-25',0,'Đây là giấy tờ Luật Hộ tịch nêu; trường hợp khác hỏi bộ phận một cửa xã.','knowledge/data/procedures/khai_tu.yml');
INSERT INTO "kb_procedure" VALUES(22,'ly_lich_tu_phap','Cấp Phiếu lý lịch tư pháp','Cấp Phiếu lý lịch tư pháp (giấy xác nhận có hay không có án tích) cho công dân.','3.000333','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-bd79-75fb-a4c6-ba1bf85d20ad','2026-11-25',0,'Chưa đầy đủ; hỏi nơi nộp hồ sơ hoặc xem trên Cổng Dịch vụ công.','knowledge/data/procedures/ly_lich_tu_phap.yml');
INSERT INTO "kb_procedure" VALUES(23,'nhan_cha_me_con','Đăng ký nhận cha, mẹ, con','Cha, mẹ nhận con hoặc con nhận cha, mẹ (không có tranh chấp); các bên cùng có mặt tại UBND xã.','1.001022','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fa6-722f-ac1a-e949c8ce3418','2026-12-01',0,'Theo bản ghi quốc gia; hỏi công chức tư pháp - hộ tịch xã về chứng cứ phù hợp trước khi đi.','knowledge/data/procedures/nhan_cha_me_con.yml');
INSERT INTO "kb_procedure" VALUES(24,'tach_ho','Tách hộ gia đình','Thành viên hộ gia đình tách ra thành hộ mới tại cùng chỗ ở hợp pháp; làm tại Công an xã hoặc trực tuyến.','1.010038','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7f1e-71e3-be3e-7f22dce4ac4d','2026-12-01',1,'Theo bản ghi quốc gia; nộp trực tiếp có thể nộp bản sao hoặc bản chụp kèm bản chính để đối chiếu.','knowledge/data/procedures/tach_ho.yml');
INSERT INTO "kb_procedure" VALUES(25,'tam_tru','Đăng ký tạm trú','Đăng ký tạm trú hoặc gia hạn tạm trú khi ở nơi khác nơi thường trú, làm tại Công an xã.','1.004194','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-770b-734d-b7fb-5e1995f194f4','2026-11-25',0,'Người chưa thành niên cần ý kiến đồng ý của cha, mẹ hoặc người giám hộ ghi trong tờ khai. Trường hợp khác hỏi Công an xã.','knowledge/data/procedures/tam_tru.yml');
INSERT INTO "kb_procedure" VALUES(26,'thuong_tru','Đăng ký thường trú','Đăng ký nơi thường trú (trước đây gọi là nhập hộ khẩu), làm tại Công an xã.','1.004222','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7704-7449-9e95-fe7ebb959aa2','2026-11-25',0,'Giấy tờ tùy trường hợp (nhà của mình, nhập vào nhà người thân, ở nhà thuê...). Các trường hợp khác xem Luật Cư trú Điều 21 hoặc hỏi Công an xã.','knowledge/data/procedures/thuong_tru.yml');
INSERT INTO "kb_procedure" VALUES(27,'trich_luc_ho_tich','Cấp bản sao trích lục hộ tịch','Cấp bản sao trích lục hộ tịch (khai sinh, kết hôn, khai tử...) từ sổ hộ tịch, ví dụ khi cần bản sao giấy khai sinh.','2.000635','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-867c-72db-b6a7-dcbd8c763807','2026-11-25',0,NULL,'knowledge/data/procedures/trich_luc_ho_tich.yml');
INSERT INTO "kb_procedure" VALUES(28,'tro_cap_huu_tri_xa_hoi','Hưởng trợ cấp hưu trí xã hội','Người cao tuổi không có lương hưu hay trợ cấp bảo hiểm xã hội hằng tháng đề nghị hưởng trợ cấp hưu trí xã hội hằng tháng; nộp tại UBND xã.','1.014027','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bff-2d80-74d8-8515-90f6f61822f0','2026-12-01',0,'Bản ghi chi tiết không có trong bộ dữ liệu; hỏi UBND xã (bộ phận văn hóa - xã hội) trước khi đi.','knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml');
INSERT INTO "kb_procedure" VALUES(29,'tro_cap_xa_hoi','Trợ cấp xã hội hàng tháng','Xét hưởng trợ cấp xã hội hàng tháng (ví dụ người từ 80 tuổi không có lương hưu) và trợ cấp hưu trí xã hội.','1.001776','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfe-b7e6-740b-9573-24f800e8664d','2026-11-25',0,'Chưa có đầy đủ giấy tờ; hỏi bộ phận một cửa UBND xã.','knowledge/data/procedures/tro_cap_xa_hoi.yml');
INSERT INTO "kb_procedure" VALUES(30,'xac_nhan_hon_nhan','Cấp Giấy xác nhận tình trạng hôn nhân','Cấp giấy xác nhận đang độc thân hay đã kết hôn; giấy có giá trị 6 tháng và chỉ dùng cho mục đích đã ghi.','1.004873','known','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6eb3-7019-bf3f-fc58c9ee44b9','2026-11-25',0,NULL,'knowledge/data/procedures/xac_nhan_hon_nhan.yml');
CREATE TABLE kb_processing_time (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	"case" TEXT, 
	text TEXT, 
	max_days INTEGER, 
	day_unit TEXT, 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_processing_time" VALUES('unverified','Không thấy bản Nghị định 63/2024 nào để đối chiếu; bản ghi 2.000986 trên Cổng Dịch vụ công (cập nhật 20/04/2026) còn ghi thời hạn của quy trình giấy cũ (đến 20 ngày làm việc).',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/bhyt_tre_em.yml',67,'processing_time[0]',NULL,NULL,NULL,1,NULL,'Không quá 3 ngày làm việc; 5 ngày làm việc nếu phải xác minh',5,'ngày làm việc',1,1);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/bhyt_tre_em.yml',73,'processing_time[1]','d) Đối với trẻ em dưới 6 tuổi thì thẻ bảo hiểm y tế có giá trị sử dụng đến ngày trẻ đủ 72 tháng tuổi. Trường hợp trẻ đủ 72 tháng tuổi mà chưa đến kỳ nhập học thì thẻ bảo hiểm y tế có giá trị sử dụng đến ngày 30 tháng 9 của năm đó.','diepxuan/diepxuan.github.io van-ban/bao-hiem/bao-hiem-y-te.md',NULL,2,'Giá trị của thẻ','Thẻ dùng đến ngày trẻ đủ 72 tháng tuổi; nếu lúc đó chưa đến kỳ nhập học thì dùng đến 30/9 của năm đó (trẻ sinh sau 30/9 - đến hết tháng trẻ đủ 72 tháng)',NULL,NULL,1,3);
INSERT INTO "kb_processing_time" VALUES('known','Luật cùng khoản: Trường hợp cần phải xác minh thì thời hạn được kéo dài thêm không quá 03 ngày làm việc.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cai_chinh_ho_tich.yml',157,'processing_time[0]','Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ giấy tờ theo quy định tại khoản 1 Điều này, nếu thấy việc thay đổi, cải chính hộ tịch là có cơ sở','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,3,'Thay đổi, cải chính hộ tịch','3 ngày làm việc kể từ khi nhận đủ giấy tờ; cần xác minh thì thêm tối đa 3 ngày làm việc',3,'ngày làm việc',2,8);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/cai_chinh_ho_tich.yml',166,'processing_time[1]','Ngay sau khi nhận đủ giấy tờ theo quy định tại khoản 1 Điều này, nếu thấy yêu cầu bổ sung hộ tịch là đúng, công chức tư pháp - hộ tịch ghi nội dung bổ sung vào mục tương ứng trong Sổ hộ tịch','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,4,'Bổ sung thông tin hộ tịch','Giải quyết ngay khi nhận đủ giấy tờ (nộp sau 15 giờ thì được hẹn trả)',0,'ngày làm việc',2,9);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/can_cuoc.yml',213,'processing_time[0]','Thời hạn giải quyết: 07 ngày làm việc','bminhnemhoi/ctcv_aiangtaotre2026 data/tests/fixtures/tthc/tthc_26052.html',NULL,5,NULL,'7 ngày làm việc kể từ khi nhận đủ hồ sơ',7,'ngày làm việc',3,24);
INSERT INTO "kb_processing_time" VALUES('unverified','Lời văn gốc Luật năm 2008; Luật đã được sửa đổi sau đó.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cap_lai_the_bhyt.yml',98,'processing_time[0]','3. Trong thời hạn 7 ngày làm việc, kể từ ngày nhận được đơn đề nghị cấp lại thẻ, tổ chức bảo hiểm y tế phải cấp lại thẻ cho người tham gia bảo hiểm y tế. Trong thời gian chờ cấp lại thẻ, người tham gia bảo hiểm y tế vẫn được hưởng quyền lợi bảo hiểm y tế.','diepxuan/diepxuan.github.io van-ban/bao-hiem/bao-hiem-y-te.md',NULL,6,NULL,'7 ngày làm việc kể từ khi nhận đơn (cấp lại) hoặc nhận đủ hồ sơ (đổi thẻ); trong lúc chờ vẫn được hưởng quyền lợi bảo hiểm y tế',7,'ngày làm việc',4,31);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_ban_sao.yml',71,'processing_time[0]',NULL,NULL,NULL,7,NULL,'Trong ngày; nhận yêu cầu sau 15 giờ thì trả trong ngày làm việc tiếp theo',1,'ngày làm việc',5,36);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_chu_ky.yml',61,'processing_time[0]',NULL,NULL,NULL,8,NULL,'Trong ngày; nhận yêu cầu sau 15 giờ thì trả trong ngày làm việc tiếp theo',1,'ngày làm việc',6,36);
INSERT INTO "kb_processing_time" VALUES('known','Thời hạn là số liệu có cấu trúc của bản ghi (không có câu văn); việc hẹn lại khi phải xác minh theo các bước thực hiện của bản ghi.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',140,'processing_time[0]','"code": "1.004884.01", "processingDay": {"qty": 5, "type": "WORKING_DAY"}','national-catalog-2026-07 details/1.004884.json',NULL,9,NULL,'5 ngày làm việc; cần xác minh thì xã hẹn lại và nêu lý do',5,'ngày làm việc',7,41);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/dat_dai_lan_dau.yml',73,'processing_time[0]',NULL,NULL,NULL,10,NULL,'Không quá 20 ngày làm việc để đăng ký đất đai, thêm 3 ngày làm việc để cấp Giấy chứng nhận',23,'ngày làm việc',8,46);
INSERT INTO "kb_processing_time" VALUES('unknown',NULL,'Công an xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/doi_gplx.yml',83,'processing_time[0]',NULL,NULL,NULL,11,NULL,NULL,NULL,NULL,9,49);
INSERT INTO "kb_processing_time" VALUES('known','Luật Điều 28 khoản 3: Hồ sơ, thủ tục gia hạn tạm trú thực hiện theo quy định tại khoản 1 và khoản 2 Điều này.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/gia_han_tam_tru.yml',123,'processing_time[0]','Trong thời hạn 03 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan đăng ký cư trú có trách nhiệm thẩm định','phucbeo223/Local-Project-For-Student-Room Data/residence/Luat-68-2020-QH14-doi-chieu-20261003.md; national-catalog-2026-07 details/1.002755.json (processingTime 3 WORKING_DAY)',NULL,12,NULL,'3 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ',3,'ngày làm việc',10,55);
INSERT INTO "kb_processing_time" VALUES('known','Bản ghi quốc gia ghi 3 ngày làm việc ở cách nộp nhưng 5 ngày làm việc ở trường hợp 1.004837.01; Luật ghi 3 ngày.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/giam_ho.yml',96,'processing_time[0]','2. Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ giấy tờ theo quy định tại khoản 1 Điều này, nếu thấy đủ điều kiện theo quy định pháp luật thì công chức tư pháp - hộ tịch ghi vào Sổ hộ tịch','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,13,NULL,'3 ngày làm việc kể từ khi nhận đủ giấy tờ',3,'ngày làm việc',11,63);
INSERT INTO "kb_processing_time" VALUES('unverified','Văn bản Luật Xây dựng 2014 không thấy trong bản lưu trữ; chỉ áp dụng đến 30/06/2026.',NULL,'2026-11-25',NULL,'2026-06-30',0,'knowledge/data/procedures/giay_phep_xay_dung.yml',105,'processing_time[0]',NULL,NULL,NULL,14,NULL,'15 ngày kể từ khi nhận đủ hồ sơ hợp lệ',15,'ngày',12,70);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,1,'knowledge/data/procedures/giay_phep_xay_dung.yml',112,'processing_time[1]','Kể từ ngày nhận đủ hồ sơ hợp lệ, thời gian cấp giấy phép xây dựng mới, điều chỉnh, sửa chữa, cải tạo, di dời, có thời hạn của cơ quan có thẩm quyền đối với công trình nhà ở riêng lẻ trong thời hạn 07 ngày làm việc','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md',NULL,15,NULL,'7 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ',7,'ngày làm việc',12,71);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_chieu.yml',162,'processing_time[0]','Trong thời hạn 08 ngày làm việc kể từ ngày tiếp nhận, cơ quan Quản lý xuất nhập cảnh Công an cấp tỉnh trả kết quả cho người đề nghị. Trong thời hạn 05 ngày làm việc kể từ ngày tiếp nhận, Cơ quan Quản lý xuất nhập cảnh Bộ Công an trả kết quả cho người đề nghị.','diepxuan/diepxuan.github.io van-ban/an-ninh-quoc-gia/xuat-canh-nhap-canh-cua-cong-dan-viet-nam.md',NULL,16,NULL,'8 ngày làm việc tại Phòng Quản lý xuất nhập cảnh Công an tỉnh; 5 ngày làm việc tại Cục Quản lý xuất nhập cảnh',8,'ngày làm việc',13,88);
INSERT INTO "kb_processing_time" VALUES('unverified','Không thấy văn bản Nghị định 168/2025 lưu trữ; 3 ngày là thời hạn của nghị định trước (01/2021).',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_kinh_doanh.yml',55,'processing_time[0]',NULL,NULL,NULL,17,NULL,'3 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ',3,'ngày làm việc',14,90);
INSERT INTO "kb_processing_time" VALUES('unknown',NULL,'UBND xã nơi cư trú','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_ngheo.yml',78,'processing_time[0]',NULL,NULL,NULL,18,NULL,NULL,NULL,NULL,15,92);
INSERT INTO "kb_processing_time" VALUES('unknown','Lời văn năm 2021 ghi 02 ngày làm việc ở xã rồi 03 ngày làm việc ở Phòng Lao động - TB&XH và UBND huyện quyết định; cấp huyện không còn từ 01/07/2025, thời hạn hiện hành chưa có nguồn.','UBND xã','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_tro_mai_tang.yml',105,'processing_time[0]',NULL,NULL,NULL,19,NULL,NULL,NULL,NULL,16,97);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ket_hon.yml',77,'processing_time[0]',NULL,NULL,NULL,20,NULL,'Giải quyết ngay sau khi nhận đủ giấy tờ hợp lệ; nếu cần xác minh thì không quá 5 ngày làm việc',5,'ngày làm việc',17,106);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_sinh.yml',89,'processing_time[0]',NULL,NULL,NULL,21,NULL,'Giải quyết ngay khi nhận đủ giấy tờ hợp lệ',0,'ngày làm việc',18,113);
INSERT INTO "kb_processing_time" VALUES('unknown','Bản ghi quốc gia không thống nhất (mục trường hợp ghi 25 ngày, mục cách nộp ghi 5 không rõ đơn vị).','bộ phận một cửa UBND xã','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',124,'processing_time[0]',NULL,NULL,NULL,22,NULL,NULL,NULL,NULL,19,115);
INSERT INTO "kb_processing_time" VALUES('unknown','Bản ghi quốc gia không thống nhất (mục trường hợp ghi 8 ngày làm việc, mục cách nộp ghi 3 không rõ đơn vị).','bộ phận một cửa UBND xã','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',114,'processing_time[0]',NULL,NULL,NULL,23,NULL,NULL,NULL,NULL,20,117);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_tu.yml',77,'processing_time[0]',NULL,NULL,NULL,24,NULL,'Giải quyết ngay sau khi nhận đủ giấy tờ hợp lệ',0,'ngày làm việc',21,121);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-11-25',NULL,'2026-06-30',0,'knowledge/data/procedures/ly_lich_tu_phap.yml',136,'processing_time[0]',NULL,NULL,NULL,25,NULL,'Không quá 10 ngày; không quá 15 ngày nếu người yêu cầu cư trú ở nhiều nơi hoặc ở nước ngoài',15,'ngày',22,133);
INSERT INTO "kb_processing_time" VALUES('unknown','Thời hạn mới theo khoản 2 Điều 48 Luật Lý lịch tư pháp (sửa đổi 2025) chưa đọc được văn bản; tin "5 ngày làm việc" không có nguồn chính thức, trang Bộ Công an (09/2026) vẫn ghi 10-15 ngày.','Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID','2026-11-25','2026-07-01',NULL,1,'knowledge/data/procedures/ly_lich_tu_phap.yml',141,'processing_time[1]',NULL,NULL,NULL,26,NULL,NULL,NULL,NULL,22,NULL);
INSERT INTO "kb_processing_time" VALUES('known','Cùng khoản: Trường hợp cần phải xác minh thì thời hạn được kéo dài thêm không quá 05 ngày làm việc.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/nhan_cha_me_con.yml',113,'processing_time[0]','2. Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ giấy tờ theo quy định tại khoản 1 Điều này, nếu thấy việc nhận cha, mẹ, con là đúng và không có tranh chấp','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,27,NULL,'3 ngày làm việc kể từ khi nhận đủ giấy tờ; cần xác minh thì thêm tối đa 5 ngày làm việc',3,'ngày làm việc',23,140);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tach_ho.yml',108,'processing_time[0]','Trong thời hạn 05 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan đăng ký cư trú có trách nhiệm thẩm định, cập nhật thông tin về hộ gia đình liên quan đến việc tách hộ trong Cơ sở dữ liệu về cư trú','national-catalog-2026-07 details/1.010038.json',NULL,28,NULL,'5 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ',5,'ngày làm việc',24,143);
INSERT INTO "kb_processing_time" VALUES('known','Thời hạn lấy từ trường dữ liệu của bản ghi 1.004194, không phải một câu văn.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tam_tru.yml',89,'processing_time[0]','processingTime: 3, processingTimeUnit: WORKING_DAY (ONLINE và DIRECT)','VoidKeishi/OpenGOV backend/data/crawl/details/1.004194.json',NULL,29,NULL,'3 ngày làm việc kể từ khi nhận đủ hồ sơ',3,'ngày làm việc',25,151);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/thuong_tru.yml',97,'processing_time[0]',NULL,NULL,NULL,30,NULL,'7 ngày làm việc kể từ khi nhận đủ hồ sơ',7,'ngày làm việc',26,153);
INSERT INTO "kb_processing_time" VALUES('known','Thời hạn lấy từ trường dữ liệu của bản ghi 1.010038, không phải một câu văn.',NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/thuong_tru.yml',101,'processing_time[1]','processingTime: 5, processingTimeUnit: WORKING_DAY (DIRECT và ONLINE)','VoidKeishi/OpenGOV backend/data/crawl/details/1.010038.json',NULL,31,'Tách hộ','5 ngày làm việc',5,'ngày làm việc',26,159);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/trich_luc_ho_tich.yml',82,'processing_time[0]','Ngay sau khi nhận được yêu cầu, nếu đủ điều kiện thì Cơ quan quản lý Cơ sở dữ liệu hộ tịch cấp bản sao trích lục hộ tịch cho người yêu cầu.','diepxuan/diepxuan.github.io van-ban/hanh-chinh-tu-phap/ho-tich.md',NULL,32,NULL,'Cấp ngay khi nhận yêu cầu (nộp sau 15 giờ thì trả trong ngày làm việc tiếp theo)',0,'ngày làm việc',27,163);
INSERT INTO "kb_processing_time" VALUES('unknown',NULL,'UBND xã nơi cư trú','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',118,'processing_time[0]',NULL,NULL,NULL,33,NULL,NULL,NULL,NULL,28,167);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tro_cap_xa_hoi.yml',88,'processing_time[0]',NULL,NULL,NULL,34,'Trợ cấp xã hội hàng tháng','7 ngày làm việc xét duyệt, sau đó niêm yết công khai 2 ngày làm việc',9,'ngày làm việc',29,173);
INSERT INTO "kb_processing_time" VALUES('unverified','Không thấy văn bản Nghị định 176/2025 lưu trữ để đối chiếu thời hạn.',NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/tro_cap_xa_hoi.yml',93,'processing_time[1]',NULL,NULL,NULL,35,'Trợ cấp hưu trí xã hội','Quyết định trong 10 ngày làm việc',10,'ngày làm việc',29,174);
INSERT INTO "kb_processing_time" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',77,'processing_time[0]',NULL,NULL,NULL,36,NULL,'3 ngày làm việc; cộng thêm 3 ngày làm việc nếu phải xác minh ở xã khác',6,'ngày làm việc',30,180);
INSERT INTO "kb_processing_time" VALUES('unverified','Việc chỉ dùng cho mục đích đã ghi thấy ở bản ghi 1.004873; thời hạn 6 tháng (Điều 23) chưa thấy trong văn bản lưu trữ.',NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',81,'processing_time[1]',NULL,NULL,NULL,37,'Giá trị của giấy','Giấy có giá trị 6 tháng kể từ ngày cấp, chỉ dùng cho mục đích đã ghi',NULL,NULL,30,181);
CREATE TABLE kb_required_document (
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	ask TEXT, 
	verified_on DATE, 
	effective_from DATE, 
	effective_to DATE, 
	position INTEGER NOT NULL, 
	src_file TEXT, 
	src_line INTEGER, 
	field TEXT, 
	quote TEXT, 
	copy_ref TEXT, 
	conditions TEXT, 
	id INTEGER NOT NULL, 
	name TEXT, 
	copies INTEGER, 
	kind VARCHAR(32), 
	procedure_id INTEGER NOT NULL, 
	source_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(procedure_id) REFERENCES kb_procedure (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES kb_source (id)
);
INSERT INTO "kb_required_document" VALUES('unknown','Chưa có danh sách giấy tờ của nhóm thủ tục liên thông đã đối chiếu văn bản.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/bhyt_tre_em.yml',52,'documents[0]',NULL,NULL,NULL,1,NULL,NULL,NULL,1,NULL);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cai_chinh_ho_tich.yml',104,'documents[0]','Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)','national-catalog-2026-07 details/1.004859.json',NULL,2,'Tờ khai đăng ký thay đổi, cải chính, bổ sung hộ tịch (theo mẫu)',1,'original',2,5);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/cai_chinh_ho_tich.yml',110,'documents[1]','Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung thông tin hộ tịch.','national-catalog-2026-07 details/1.004859.json',NULL,3,'Giấy tờ làm căn cứ để sửa, bổ sung',1,NULL,2,5);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/cai_chinh_ho_tich.yml',116,'documents[2]','Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng','national-catalog-2026-07 details/1.004859.json',NULL,4,'Giấy tờ tùy thân (căn cước, hộ chiếu...) để xuất trình',1,'show_original',2,5);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,3,'knowledge/data/procedures/cai_chinh_ho_tich.yml',122,'documents[3]','Trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền thì văn bản ủy quyền không phải chứng thực.','national-catalog-2026-07 details/1.004859.json',NULL,5,'Giấy ủy quyền nếu nhờ người khác đi (người thân ruột thịt thì không cần chứng thực)',1,'original',2,5);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/can_cuoc.yml',67,'documents[0]','Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA của Bộ Công an). Phiếu này là biểu mẫu điện tử, công dân kê khai đối với trường hợp nộp hồ sơ trực tuyến','bminhnemhoi/ctcv_aiangtaotre2026 data/tests/fixtures/tthc/tthc_26052.html',NULL,6,'Phiếu đề nghị giải quyết thủ tục về căn cước (mẫu DC02; nộp online thì khai trên biểu mẫu điện tử)',1,'original',3,15);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/can_cuoc.yml',74,'documents[1]','Trường hợp công dân chưa có thông tin trong cơ sở dữ liệu quốc gia về dân cư thì hồ sơ còn có: Giấy tờ pháp lý chứa thông tin công dân; Phiếu thu thập thông tin dân cư (mẫu DC01 ban hành kèm theo Thông tư số 53/2025/TT-BCA ngày 01/7/2025 của Bộ Công an)','bminhnemhoi/ctcv_aiangtaotre2026 data/tests/fixtures/tthc/tthc_26052.html',NULL,7,'Nếu thông tin chưa có trong Cơ sở dữ liệu quốc gia về dân cư - giấy tờ pháp lý chứa thông tin công dân và Phiếu thu thập thông tin dân cư (mẫu DC01)',1,'original',3,16);
INSERT INTO "kb_required_document" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/cap_lai_the_bhyt.yml',68,'documents[0]','2. Người bị mất thẻ bảo hiểm y tế phải có đơn đề nghị cấp lại thẻ.','diepxuan/diepxuan.github.io van-ban/bao-hiem/bao-hiem-y-te.md',NULL,8,'Đơn đề nghị cấp lại thẻ (khi mất thẻ) hoặc đơn đề nghị đổi thẻ',1,'original',4,28);
INSERT INTO "kb_required_document" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/cap_lai_the_bhyt.yml',75,'documents[1]','b) Thẻ bảo hiểm y tế.','diepxuan/diepxuan.github.io van-ban/bao-hiem/bao-hiem-y-te.md',NULL,9,'Thẻ bảo hiểm y tế cũ (khi đổi thẻ)',1,'original',4,29);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_ban_sao.yml',44,'documents[0]',NULL,NULL,NULL,10,'Bản chính giấy tờ làm cơ sở để chứng thực (để đối chiếu)',NULL,'show_original',5,34);
INSERT INTO "kb_required_document" VALUES('known','Số bản tùy người yêu cầu.',NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/chung_thuc_ban_sao.yml',47,'documents[1]',NULL,NULL,NULL,11,'Bản sao cần chứng thực (nếu không có thì cơ quan chụp từ bản chính)',NULL,'copy',5,34);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/chung_thuc_chu_ky.yml',41,'documents[0]',NULL,NULL,NULL,12,'Giấy tờ tùy thân còn giá trị (căn cước, hộ chiếu)',NULL,'show_original',6,38);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/chung_thuc_chu_ky.yml',44,'documents[1]',NULL,NULL,NULL,13,'Giấy tờ, văn bản sẽ ký',NULL,'original',6,38);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',72,'documents[0]','Tờ khai đăng ký lại khai sinh theo mẫu, trong đó có cam đoan của người yêu cầu về việc đã nộp đủ các giấy tờ hiện có (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính);','national-catalog-2026-07 details/1.004884.json',NULL,14,'Tờ khai đăng ký lại khai sinh (có lời cam đoan)',1,'original',7,41);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',78,'documents[1]','Bản sao Giấy khai sinh do cơ quan có thẩm quyền của Việt Nam cấp hợp lệ (bản sao được chứng thực từ bản chính, bản sao được cấp từ Sổ đăng ký khai sinh); bản chính hoặc bản sao giấy tờ có giá trị thay thế Giấy khai sinh được cấp trước năm 1945 ở miền Bắc và trước năm 1975 ở miền Nam.','national-catalog-2026-07 details/1.004884.json',NULL,15,'Bản sao Giấy khai sinh cũ, kể cả giấy tờ thay khai sinh cấp trước năm 1975 ở miền Nam',NULL,'copy',7,41);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',84,'documents[2]','Trường hợp người yêu cầu không có giấy tờ nêu trên thì phải nộp bản sao giấy tờ do cơ quan có thẩm quyền của Việt Nam cấp hợp lệ như: Giấy chứng minh nhân dân, Thẻ căn cước công dân hoặc Hộ chiếu; Sổ hộ khẩu, Sổ tạm trú, giấy tờ chứng minh về nơi cư trú; Bằng tốt nghiệp, Giấy chứng nhận, Chứng chỉ, Học bạ, hồ sơ học tập do cơ quan có thẩm quyền cấp hoặc xác nhận; Giấy tờ khác có thông tin về họ, tên, ngày, tháng, năm sinh của cá nhân.','national-catalog-2026-07 details/1.004884.json',NULL,16,'Không có thì bản sao giấy tờ khác có họ tên, ngày sinh (học bạ, sổ hộ khẩu...)',NULL,'copy',7,41);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,3,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',90,'documents[3]','Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng','national-catalog-2026-07 details/1.004884.json',NULL,17,'Giấy tờ tùy thân để xuất trình',1,'show_original',7,41);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,4,'knowledge/data/procedures/dang_ky_lai_khai_sinh.yml',96,'documents[4]','Trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền thì văn bản ủy quyền không phải chứng thực.','national-catalog-2026-07 details/1.004884.json',NULL,18,'Giấy ủy quyền nếu nhờ người khác đi (người thân ruột thịt thì không cần chứng thực)',1,'original',7,41);
INSERT INTO "kb_required_document" VALUES('unknown','Chưa có danh sách giấy tờ đã đối chiếu văn bản; giấy tờ tùy nguồn gốc đất.','bộ phận một cửa UBND xã hoặc Văn phòng đăng ký đất đai','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/dat_dai_lan_dau.yml',51,'documents[0]',NULL,NULL,NULL,19,NULL,NULL,NULL,8,NULL);
INSERT INTO "kb_required_document" VALUES('unknown',NULL,'Công an xã hoặc Cổng Dịch vụ công','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/doi_gplx.yml',56,'documents[0]',NULL,NULL,NULL,20,NULL,NULL,NULL,9,49);
INSERT INTO "kb_required_document" VALUES('known','Bản ghi viết "53/2023" ở dòng này, các dòng khác viết Thông tư 53/2025/TT-BCA.',NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/gia_han_tam_tru.yml',73,'documents[0]','Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2023/TT-BCA); trong đó ghi rõ ý kiến đồng ý của chủ sở hữu chỗ ở hợp pháp, trừ trường hợp đã có ý kiến đồng ý bằng văn bản.','national-catalog-2026-07 details/1.002755.json',NULL,21,'Tờ khai CT01, có ý kiến đồng ý của chủ chỗ ở (trừ khi đã đồng ý bằng văn bản)',1,'original',10,52);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/gia_han_tam_tru.yml',80,'documents[1]','Văn bản đề nghị gia hạn tạm trú trong đó ghi rõ thông tin về chỗ ở hợp pháp kèm danh sách người gia hạn tạm trú.','national-catalog-2026-07 details/1.002755.json',NULL,22,'Gia hạn theo danh sách - thêm văn bản đề nghị kèm danh sách; mỗi người một tờ khai CT01',1,'original',10,52);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/giam_ho.yml',53,'documents[0]','Tờ khai đăng ký giám hộ theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp);','national-catalog-2026-07 details/1.004837.json',NULL,23,'Tờ khai đăng ký giám hộ theo mẫu (nộp trực tuyến thì điền mẫu điện tử)',1,'original',11,59);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/giam_ho.yml',59,'documents[1]','Văn bản cử người giám hộ theo quy định của Bộ luật Dân sự đối với trường hợp đăng ký giám hộ cử.','national-catalog-2026-07 details/1.004837.json',NULL,24,'Giám hộ cử - văn bản cử người giám hộ theo Bộ luật Dân sự',1,'original',11,60);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/giam_ho.yml',65,'documents[2]','Giấy tờ chứng minh điều kiện giám hộ đương nhiên theo quy định của Bộ luật Dân sự đối với trường hợp đăng ký giám hộ đương nhiên. Trường hợp có nhiều người cùng đủ điều kiện làm giám hộ đương nhiên thì nộp thêm văn bản thỏa thuận về việc cử một người làm giám hộ đương nhiên.','national-catalog-2026-07 details/1.004837.json',NULL,25,'Giám hộ đương nhiên - giấy tờ chứng minh điều kiện; nhiều người cùng đủ điều kiện thì thêm văn bản thỏa thuận',1,'original',11,61);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,3,'knowledge/data/procedures/giam_ho.yml',71,'documents[3]','Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng','national-catalog-2026-07 details/1.004837.json',NULL,26,'Giấy tờ tùy thân để xuất trình',1,'show_original',11,59);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,0,'knowledge/data/procedures/giay_phep_xay_dung.yml',65,'documents[0]','Đơn đề nghị cấp giấy phép xây dựng theo quy định tại Mẫu số 01 Phụ lục II ban hành kèm theo Nghị định này.','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md',NULL,27,'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định 217/2026/NĐ-CP)',1,'original',12,66);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,1,'knowledge/data/procedures/giay_phep_xay_dung.yml',73,'documents[1]','Một trong các loại giấy tờ hợp pháp về đất đai để cấp giấy phép xây dựng theo quy định tại Điều 55 Nghị định này','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md',NULL,28,'Một giấy tờ hợp pháp về đất đai (sổ đỏ, sổ hồng hoặc giấy tờ khác theo Điều 55)',NULL,NULL,12,67);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,2,'knowledge/data/procedures/giay_phep_xay_dung.yml',79,'documents[2]','Đối với công trình nhà ở riêng lẻ của hộ gia đình, cá nhân: bộ bản vẽ thiết kế xây dựng kèm theo','diepxuan/diepxuan.github.io van-ban/xay-dung/nghi-dinh-217-2026-nd-cp-quan-ly-hoat-dong-xay-dung.md',NULL,29,'Bộ bản vẽ thiết kế xây dựng',NULL,NULL,12,68);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_chieu.yml',52,'documents[0]',NULL,NULL,NULL,30,'Tờ khai đề nghị cấp hộ chiếu (TK01 từ 14 tuổi; TK01a dưới 14 tuổi)',1,'original',13,77);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/ho_chieu.yml',56,'documents[1]','Người đề nghị cấp hộ chiếu nộp tờ khai theo mẫu đã điền đầy đủ thông tin, 02 ảnh chân dung và giấy tờ liên quan theo quy định tại khoản 2 Điều này; xuất trình Chứng minh nhân dân, Thẻ căn cước công dân hoặc hộ chiếu còn giá trị sử dụng.','diepxuan/diepxuan.github.io van-ban/an-ninh-quoc-gia/xuat-canh-nhap-canh-cua-cong-dan-viet-nam.md',NULL,31,'02 ảnh chân dung; xuất trình thẻ căn cước (hoặc CCCD, hộ chiếu còn hạn)',NULL,NULL,13,78);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/ho_chieu.yml',61,'documents[2]','Hộ chiếu phổ thông cấp lần gần nhất còn giá trị sử dụng đối với người đã được cấp hộ chiếu; trường hợp hộ chiếu còn giá trị sử dụng bị mất phải kèm đơn báo mất','diepxuan/diepxuan.github.io van-ban/an-ninh-quoc-gia/xuat-canh-nhap-canh-cua-cong-dan-viet-nam.md',NULL,32,'Đã có hộ chiếu - hộ chiếu cấp lần gần nhất còn hạn; nếu bị mất - đơn báo mất',NULL,NULL,13,79);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,3,'knowledge/data/procedures/ho_chieu.yml',66,'documents[3]','Bản sao Giấy khai sinh hoặc trích lục khai sinh đối với người chưa đủ 14 tuổi chưa được cấp mã số định danh cá nhân','diepxuan/diepxuan.github.io van-ban/an-ninh-quoc-gia/xuat-canh-nhap-canh-cua-cong-dan-viet-nam.md',NULL,33,'Trẻ dưới 14 tuổi chưa có mã số định danh - bản sao giấy khai sinh; và giấy tờ chứng minh người đại diện hợp pháp',NULL,NULL,13,80);
INSERT INTO "kb_required_document" VALUES('unknown','Chưa có danh sách giấy tờ đã đối chiếu Nghị định 168/2025/NĐ-CP.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ho_kinh_doanh.yml',38,'documents[0]',NULL,NULL,NULL,34,NULL,NULL,NULL,14,NULL);
INSERT INTO "kb_required_document" VALUES('unknown',NULL,'UBND xã (công chức văn hóa - xã hội) hoặc trưởng ấp','2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_ngheo.yml',63,'documents[0]',NULL,NULL,NULL,35,NULL,NULL,NULL,15,92);
INSERT INTO "kb_required_document" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/ho_tro_mai_tang.yml',68,'documents[0]','a) Tờ khai đề nghị hỗ trợ chi phí mai táng của cơ quan, tổ chức, hộ gia đình hoặc cá nhân đứng ra tổ chức mai táng cho đối tượng theo Mẫu số 04 ban hành kèm theo Nghị định này;','diepxuan/diepxuan.github.io van-ban/chinh-sach-xa-hoi/chinh-sach-tro-giup-xa-hoi-doi-voi-doi-tuong-bao-tro-xa-hoi.md',NULL,36,'Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04) của người đứng ra lo mai táng',1,'original',16,94);
INSERT INTO "kb_required_document" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/ho_tro_mai_tang.yml',75,'documents[1]','b) Bản sao giấy chứng tử của đối tượng;','diepxuan/diepxuan.github.io van-ban/chinh-sach-xa-hoi/chinh-sach-tro-giup-xa-hoi-doi-voi-doi-tuong-bao-tro-xa-hoi.md',NULL,37,'Bản sao giấy chứng tử (trích lục khai tử) của người đã mất',1,'copy',16,95);
INSERT INTO "kb_required_document" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/ho_tro_mai_tang.yml',82,'documents[2]','b) Bản sao quyết định hoặc danh sách thôi hưởng trợ cấp bảo hiểm xã hội, trợ cấp khác của cơ quan có thẩm quyền đối với trường hợp quy định tại điểm c khoản 1 Điều này.','diepxuan/diepxuan.github.io van-ban/chinh-sach-xa-hoi/chinh-sach-tro-giup-xa-hoi-doi-voi-doi-tuong-bao-tro-xa-hoi.md',NULL,38,'Người từ đủ 80 tuổi hưởng trợ cấp tuất BHXH - thêm bản sao quyết định thôi hưởng trợ cấp',1,'copy',16,96);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/ket_hon.yml',52,'documents[0]',NULL,NULL,NULL,39,'Tờ khai đăng ký kết hôn (theo mẫu), hai bên cùng có mặt khi đăng ký',1,'original',17,102);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_sinh.yml',53,'documents[0]',NULL,NULL,NULL,40,'Tờ khai đăng ký khai sinh (theo mẫu)',1,'original',18,112);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/khai_sinh.yml',57,'documents[1]',NULL,NULL,NULL,41,'Giấy chứng sinh; không có thì văn bản của người làm chứng xác nhận việc sinh; không có người làm chứng thì giấy cam đoan về việc sinh',1,'original',18,112);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',67,'documents[0]','Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tuyến hoặc gửi hồ sơ qua hệ thống bưu chính);','national-catalog-2026-07 details/1.004772.json',NULL,42,'Tờ khai đăng ký khai sinh (theo mẫu)',1,'original',19,115);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',73,'documents[1]','Văn bản cam đoan của người yêu cầu về việc chưa được đăng ký khai sinh.','national-catalog-2026-07 details/1.004772.json',NULL,43,'Văn bản cam đoan chưa được đăng ký khai sinh',1,'original',19,115);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',79,'documents[2]','Bản sao toàn bộ hồ sơ, giấy tờ của người yêu cầu hoặc hồ sơ, giấy tờ, tài liệu khác trong đó có thông tin liên quan đến nội dung khai sinh','national-catalog-2026-07 details/1.004772.json',NULL,44,'Bản sao giấy tờ có họ tên, ngày sinh (căn cước, học bạ, bằng cấp...)',NULL,'copy',19,115);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,3,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',85,'documents[3]','Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng','national-catalog-2026-07 details/1.004772.json',NULL,45,'Giấy tờ tùy thân để xuất trình',1,'show_original',19,115);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,4,'knowledge/data/procedures/khai_sinh_nguoi_da_co_giay_to.yml',91,'documents[4]','Trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền thì văn bản ủy quyền không phải chứng thực.','national-catalog-2026-07 details/1.004772.json',NULL,46,'Giấy ủy quyền nếu nhờ người khác đi (người thân ruột thịt thì không cần chứng thực)',1,'original',19,115);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',57,'documents[0]','Tờ khai đăng ký nhận cha, mẹ, con theo mẫu;','national-catalog-2026-07 details/1.000689.json',NULL,47,'Tờ khai khai sinh và tờ khai nhận cha, mẹ, con (theo mẫu)',1,'original',20,117);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',63,'documents[1]','Bản chính Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh;','national-catalog-2026-07 details/1.000689.json',NULL,48,'Giấy chứng sinh (không có thì giấy người làm chứng hoặc giấy cam đoan)',1,'original',20,117);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',69,'documents[2]','Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan khác có thẩm quyền xác nhận quan hệ cha con, quan hệ mẹ con.','national-catalog-2026-07 details/1.000689.json',NULL,49,'Văn bản của cơ quan y tế, giám định... xác nhận quan hệ cha con, mẹ con',1,'original',20,117);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,3,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',75,'documents[3]','Trường hợp không có văn bản nêu trên thì phải có văn bản cam đoan của các bên nhận cha, mẹ, con về mối quan hệ cha, mẹ, con và có ít nhất hai người làm chứng về mối quan hệ cha, mẹ, con.','national-catalog-2026-07 details/1.000689.json',NULL,50,'Không có thì văn bản cam đoan của các bên và ít nhất hai người làm chứng',1,'original',20,117);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,4,'knowledge/data/procedures/khai_sinh_nhan_cha_con.yml',81,'documents[4]','Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng','national-catalog-2026-07 details/1.000689.json',NULL,51,'Giấy tờ tùy thân để xuất trình',1,'show_original',20,117);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/khai_tu.yml',48,'documents[0]',NULL,NULL,NULL,52,'Tờ khai đăng ký khai tử (theo mẫu)',1,'original',21,120);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/khai_tu.yml',52,'documents[1]',NULL,NULL,NULL,53,'Giấy báo tử hoặc giấy tờ thay giấy báo tử',1,'original',21,120);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,0,'knowledge/data/procedures/ly_lich_tu_phap.yml',59,'documents[0]','a) Trường hợp yêu cầu cấp Phiếu lý lịch tư pháp trực tuyến thì khai Tờ khai điện tử theo hướng dẫn trên ứng dụng định danh quốc gia hoặc cổng dịch vụ công quốc gia; b) Trường hợp yêu cầu cấp Phiếu lý lịch tư pháp qua dịch vụ bưu chính thì khai Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp kèm theo chứng thực chữ ký của cá nhân yêu cầu theo quy định của pháp luật; c) Trường hợp yêu cầu cấp Phiếu lý lịch tư pháp trực tiếp thì khai Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp.','diepxuan/diepxuan.github.io van-ban/tu-phap-thi-hanh-an/nghi-dinh-216-2026-nd-cp-ly-lich-tu-phap.md',NULL,54,'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (nộp online thì khai Tờ khai điện tử trên VNeID hoặc Cổng Dịch vụ công; gửi bưu chính thì tờ khai phải chứng thực chữ ký)',1,'original',22,127);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01','2026-07-01',NULL,1,'knowledge/data/procedures/ly_lich_tu_phap.yml',67,'documents[1]','Cá nhân thuộc diện miễn, giảm phí thì nộp kèm theo hồ sơ yêu cầu cấp Phiếu lý lịch tư pháp bản chụp hoặc bản sao giấy tờ chứng minh thuộc diện miễn, giảm phí.','diepxuan/diepxuan.github.io van-ban/tu-phap-thi-hanh-an/nghi-dinh-216-2026-nd-cp-ly-lich-tu-phap.md',NULL,55,'Người được miễn, giảm phí - bản chụp hoặc bản sao giấy tờ chứng minh',NULL,NULL,22,128);
INSERT INTO "kb_required_document" VALUES('unverified',NULL,NULL,'2026-11-25',NULL,'2026-06-30',2,'knowledge/data/procedures/ly_lich_tu_phap.yml',73,'documents[2]',NULL,NULL,NULL,56,'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu)',1,'original',22,129);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/nhan_cha_me_con.yml',62,'documents[0]','Tờ khai đăng ký đăng ký nhận cha, mẹ, con theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp);','national-catalog-2026-07 details/1.001022.json',NULL,57,'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu (nộp trực tuyến thì điền mẫu điện tử)',1,'original',23,138);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/nhan_cha_me_con.yml',68,'documents[1]','Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan khác có thẩm quyền xác nhận quan hệ cha con, quan hệ mẹ con.','national-catalog-2026-07 details/1.001022.json',NULL,58,'Văn bản của cơ quan y tế, cơ quan giám định... xác nhận quan hệ cha con, mẹ con',1,'original',23,138);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,2,'knowledge/data/procedures/nhan_cha_me_con.yml',74,'documents[2]','Trường hợp không có văn bản nêu trên thì phải có văn bản cam đoan của các bên nhận cha, mẹ, con về mối quan hệ cha, mẹ, con và có ít nhất hai người làm chứng về mối quan hệ cha, mẹ, con.','national-catalog-2026-07 details/1.001022.json',NULL,59,'Không có thì văn bản cam đoan của các bên và ít nhất hai người làm chứng',1,'original',23,138);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,3,'knowledge/data/procedures/nhan_cha_me_con.yml',80,'documents[3]','Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng','national-catalog-2026-07 details/1.001022.json',NULL,60,'Giấy tờ tùy thân của các bên để xuất trình',1,'show_original',23,138);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tach_ho.yml',67,'documents[0]','Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA), trong đó ghi rõ ý kiến đồng ý cho tách hộ của chủ hộ, chủ sở hữu chỗ ở hợp pháp, trừ trường hợp đã có ý kiến đồng ý bằng văn bản.','national-catalog-2026-07 details/1.010038.json',NULL,61,'Tờ khai thay đổi thông tin cư trú (mẫu CT01), có ý kiến đồng ý cho tách hộ của chủ hộ và chủ sở hữu chỗ ở hợp pháp (trừ khi đã đồng ý bằng văn bản)',1,'original',24,143);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-12-01',NULL,NULL,1,'knowledge/data/procedures/tach_ho.yml',73,'documents[1]','Giấy tờ, tài liệu chứng minh việc ly hôn và việc tiếp tục được sử dụng chỗ ở hợp pháp đó.','national-catalog-2026-07 details/1.010038.json',NULL,62,'Vợ, chồng đã ly hôn mà vẫn được ở cùng chỗ ở - tờ khai CT01 và giấy tờ chứng minh việc ly hôn và việc tiếp tục được ở chỗ ở đó',1,NULL,24,143);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tam_tru.yml',41,'documents[0]',NULL,NULL,NULL,63,'Tờ khai thay đổi thông tin cư trú (mẫu CT01)',1,'original',25,146);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/tam_tru.yml',45,'documents[1]',NULL,NULL,NULL,64,'Giấy tờ chứng minh chỗ ở hợp pháp (ví dụ hợp đồng thuê nhà, giấy cho ở nhờ)',NULL,NULL,25,147);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/thuong_tru.yml',45,'documents[0]',NULL,NULL,NULL,65,'Tờ khai thay đổi thông tin cư trú (mẫu CT01)',1,'original',26,154);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,1,'knowledge/data/procedures/thuong_tru.yml',49,'documents[1]',NULL,NULL,NULL,66,'Ở nhà của mình: giấy tờ chứng minh sở hữu chỗ ở hợp pháp',NULL,NULL,26,155);
INSERT INTO "kb_required_document" VALUES('known',NULL,NULL,'2026-11-25',NULL,NULL,2,'knowledge/data/procedures/thuong_tru.yml',53,'documents[2]',NULL,NULL,NULL,67,'Nhập vào nhà người thân: ý kiến đồng ý của chủ hộ/chủ nhà ghi trong tờ khai, và giấy tờ chứng minh quan hệ nhân thân (nếu chưa có trong Cơ sở dữ liệu về cư trú)',NULL,NULL,26,156);
INSERT INTO "kb_required_document" VALUES('unknown','Chưa có danh sách giấy tờ đã đối chiếu văn bản.','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/trich_luc_ho_tich.yml',53,'documents[0]',NULL,NULL,NULL,68,NULL,NULL,NULL,27,NULL);
INSERT INTO "kb_required_document" VALUES('unverified',NULL,NULL,'2026-12-01',NULL,NULL,0,'knowledge/data/procedures/tro_cap_huu_tri_xa_hoi.yml',95,'documents[0]','Văn bản đề nghị hưởng trợ cấp hưu trí xã hội (theo Mẫu số 01 ban hành kèm theo Nghị định số 176/2025/NĐ-CP)','/work/shared/reviews/knowledge-audit-2026-12.md (S24, dòng tro_cap_xa_hoi / documents)',NULL,69,'Văn bản đề nghị hưởng trợ cấp hưu trí xã hội (Mẫu số 01 ban hành kèm theo Nghị định 176/2025/NĐ-CP)',1,'original',28,168);
INSERT INTO "kb_required_document" VALUES('unverified','Tên mẫu theo các bản chép trang Cổng Dịch vụ công năm 2026 (nguồn phụ).',NULL,'2026-11-25',NULL,NULL,0,'knowledge/data/procedures/tro_cap_xa_hoi.yml',62,'documents[0]',NULL,NULL,NULL,70,'Văn bản đề nghị hưởng trợ cấp hưu trí xã hội (Mẫu số 01 Nghị định 176/2025/NĐ-CP) — đối với trợ cấp hưu trí xã hội',1,'original',29,174);
INSERT INTO "kb_required_document" VALUES('unknown','Chưa có danh sách giấy tờ đã đối chiếu văn bản (Nghị định 123/2015, Điều 22).','bộ phận một cửa UBND xã hoặc Cổng Dịch vụ công','2026-11-25',NULL,NULL,0,'knowledge/data/procedures/xac_nhan_hon_nhan.yml',56,'documents[0]',NULL,NULL,NULL,71,NULL,NULL,NULL,30,NULL);
CREATE TABLE kb_source (
	id INTEGER NOT NULL, 
	citation TEXT NOT NULL, 
	url TEXT, 
	PRIMARY KEY (id), 
	UNIQUE (citation)
);
INSERT INTO "kb_source" VALUES(1,'Nghị định 63/2024/NĐ-CP',NULL);
INSERT INTO "kb_source" VALUES(2,'Luật Bảo hiểm y tế 25/2008/QH12, Điều 12; Nghị định 63/2024/NĐ-CP',NULL);
INSERT INTO "kb_source" VALUES(3,'Luật Bảo hiểm y tế 25/2008/QH12, Điều 16 khoản 3 điểm d; Nghị định 146/2018/NĐ-CP, Điều 13 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(4,'Nghị định 301/2026/NĐ-CP',NULL);
INSERT INTO "kb_source" VALUES(5,'Cơ sở dữ liệu quốc gia về TTHC, 1.004859, cập nhật 2026-04-16, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671e-714b-8fd6-8230c82f7867','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671e-714b-8fd6-8230c82f7867');
INSERT INTO "kb_source" VALUES(6,'Cơ sở dữ liệu quốc gia về TTHC, 1.004859, cập nhật 2026-04-16, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671e-714b-8fd6-8230c82f7867; Thông tư 85/2019/TT-BTC','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671e-714b-8fd6-8230c82f7867');
INSERT INTO "kb_source" VALUES(7,'Luật Hộ tịch 60/2014/QH13, Điều 11 khoản 1 điểm a',NULL);
INSERT INTO "kb_source" VALUES(8,'Luật Hộ tịch 60/2014/QH13, Điều 28 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(9,'Luật Hộ tịch 60/2014/QH13, Điều 29 khoản 2; Cơ sở dữ liệu quốc gia về TTHC, 1.004859, cập nhật 2026-04-16, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671e-714b-8fd6-8230c82f7867','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671e-714b-8fd6-8230c82f7867');
INSERT INTO "kb_source" VALUES(10,'Luật Hộ tịch 60/2014/QH13, Điều 27; Cơ sở dữ liệu quốc gia về TTHC, 1.004859, cập nhật 2026-04-16, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671e-714b-8fd6-8230c82f7867','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671e-714b-8fd6-8230c82f7867');
INSERT INTO "kb_source" VALUES(11,'Luật Hộ tịch 03/2026/QH16 (theo ghi chú phạm vi dữ liệu hộ tịch trong kiểm tra tri thức 2026-12, nguồn S19, thứ cấp)',NULL);
INSERT INTO "kb_source" VALUES(12,'Luật Hộ tịch 60/2014/QH13, Điều 26 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(13,'Nghị định 123/2015/NĐ-CP',NULL);
INSERT INTO "kb_source" VALUES(14,'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-9e0f-730b-9510-60349ebab5b2; https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-9e0f-730b-9510-60349ebab5b2');
INSERT INTO "kb_source" VALUES(15,'Thông tư 17/2024/TT-BCA, mẫu DC02; https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052','https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052');
INSERT INTO "kb_source" VALUES(16,'Thông tư 53/2025/TT-BCA, mẫu DC01; https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052','https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052');
INSERT INTO "kb_source" VALUES(17,'Thông tư 17/2024/TT-BCA; https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052','https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052');
INSERT INTO "kb_source" VALUES(18,'Thông tư 73/2024/TT-BTC, Điều 4',NULL);
INSERT INTO "kb_source" VALUES(19,'Thông tư 64/2025/TT-BTC; Thông tư 73/2024/TT-BTC, Điều 4; Nghị quyết 66.22/2026/NQ-CP, Phụ lục II',NULL);
INSERT INTO "kb_source" VALUES(20,'Thông tư 73/2024/TT-BTC, Điều 4; Nghị quyết 66.22/2026/NQ-CP, Phụ lục II',NULL);
INSERT INTO "kb_source" VALUES(21,'Thông tư 117/2026/TT-BTC, Điều 1 khoản 4; Nghị quyết 66.22/2026/NQ-CP, Điều 5 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(22,'Thông tư 73/2024/TT-BTC, Điều 4; Luật Căn cước 26/2023/QH15, Điều 21',NULL);
INSERT INTO "kb_source" VALUES(23,'Quyết định 5230/QĐ-BCA',NULL);
INSERT INTO "kb_source" VALUES(24,'Luật Căn cước 26/2023/QH15, Điều 26; https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052','https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052');
INSERT INTO "kb_source" VALUES(25,'https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052; https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-9e0f-730b-9510-60349ebab5b2','https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052');
INSERT INTO "kb_source" VALUES(26,'https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052','https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26052');
INSERT INTO "kb_source" VALUES(27,'Cơ sở dữ liệu quốc gia về TTHC, 1.002759 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfb-df35-76fe-b9f6-886f8a133b5c','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfb-df35-76fe-b9f6-886f8a133b5c');
INSERT INTO "kb_source" VALUES(28,'Luật Bảo hiểm y tế 25/2008/QH12, Điều 18 khoản 2, Điều 19 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(29,'Luật Bảo hiểm y tế 25/2008/QH12, Điều 19 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(30,'Luật Bảo hiểm y tế 25/2008/QH12, Điều 18 khoản 4',NULL);
INSERT INTO "kb_source" VALUES(31,'Luật Bảo hiểm y tế 25/2008/QH12, Điều 18 khoản 3, Điều 19 khoản 3',NULL);
INSERT INTO "kb_source" VALUES(32,'Luật Bảo hiểm y tế 25/2008/QH12, Điều 18 khoản 1, Điều 19 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(33,'Nghị định 23/2015/NĐ-CP (sửa đổi bởi Nghị định 07/2025/NĐ-CP), Điều 5 khoản 2 điểm a',NULL);
INSERT INTO "kb_source" VALUES(34,'Nghị định 23/2015/NĐ-CP, Điều 18 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(35,'Thông tư 226/2016/TT-BTC, Điều 4',NULL);
INSERT INTO "kb_source" VALUES(36,'Nghị định 23/2015/NĐ-CP, Điều 7',NULL);
INSERT INTO "kb_source" VALUES(37,'Nghị định 23/2015/NĐ-CP, Điều 5',NULL);
INSERT INTO "kb_source" VALUES(38,'Nghị định 23/2015/NĐ-CP, Điều 24 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(39,'Nghị định 23/2015/NĐ-CP, Điều 5, 24',NULL);
INSERT INTO "kb_source" VALUES(40,'Nghị định 23/2015/NĐ-CP, Điều 24',NULL);
INSERT INTO "kb_source" VALUES(41,'Cơ sở dữ liệu quốc gia về TTHC, 1.004884, cập nhật 2026-04-23, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6eac-7598-b88b-15f8a61b366a','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6eac-7598-b88b-15f8a61b366a');
INSERT INTO "kb_source" VALUES(42,'Cơ sở dữ liệu quốc gia về TTHC, 1.004884, cập nhật 2026-04-23, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6eac-7598-b88b-15f8a61b366a; Thông tư 85/2019/TT-BTC','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6eac-7598-b88b-15f8a61b366a');
INSERT INTO "kb_source" VALUES(43,'Thông tư 117/2026/TT-BTC, Điều 2 khoản 3',NULL);
INSERT INTO "kb_source" VALUES(44,'Nghị định 151/2025/NĐ-CP',NULL);
INSERT INTO "kb_source" VALUES(45,'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019f6a12-1bc6-7590-a975-242c20d1cb97','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019f6a12-1bc6-7590-a975-242c20d1cb97');
INSERT INTO "kb_source" VALUES(46,'Nghị định 101/2024/NĐ-CP, Điều 22',NULL);
INSERT INTO "kb_source" VALUES(47,'Nghị định 101/2024/NĐ-CP',NULL);
INSERT INTO "kb_source" VALUES(48,'Cơ sở dữ liệu quốc gia về TTHC, 3.000347 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-bda8-740c-9f49-ddaae438530d; Cơ sở dữ liệu quốc gia về TTHC, 3.000348 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-bdb6-7217-affe-2819858d612c','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-bda8-740c-9f49-ddaae438530d');
INSERT INTO "kb_source" VALUES(49,'Cơ sở dữ liệu quốc gia về TTHC, 3.000347 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-bda8-740c-9f49-ddaae438530d','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-bda8-740c-9f49-ddaae438530d');
INSERT INTO "kb_source" VALUES(50,'Thông tư 154/2025/TT-BTC',NULL);
INSERT INTO "kb_source" VALUES(51,'Thông tư 117/2026/TT-BTC, Điều 1 khoản 6',NULL);
INSERT INTO "kb_source" VALUES(52,'Cơ sở dữ liệu quốc gia về TTHC, 1.002755, cập nhật 2026-04-29, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-6762-77ee-9a0c-965773ce7afe','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-6762-77ee-9a0c-965773ce7afe');
INSERT INTO "kb_source" VALUES(53,'Thông tư 75/2022/TT-BTC; Cơ sở dữ liệu quốc gia về TTHC, 1.002755, cập nhật 2026-04-29, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-6762-77ee-9a0c-965773ce7afe','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-6762-77ee-9a0c-965773ce7afe');
INSERT INTO "kb_source" VALUES(54,'Thông tư 117/2026/TT-BTC, Điều 1 khoản 3',NULL);
INSERT INTO "kb_source" VALUES(55,'Luật Cư trú 68/2020/QH14, Điều 28 khoản 2, 3; Cơ sở dữ liệu quốc gia về TTHC, 1.002755, cập nhật 2026-04-29, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-6762-77ee-9a0c-965773ce7afe','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-6762-77ee-9a0c-965773ce7afe');
INSERT INTO "kb_source" VALUES(56,'Luật Cư trú 68/2020/QH14, Điều 28 khoản 3; Cơ sở dữ liệu quốc gia về TTHC, 1.002755, cập nhật 2026-04-29, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-6762-77ee-9a0c-965773ce7afe','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-6762-77ee-9a0c-965773ce7afe');
INSERT INTO "kb_source" VALUES(57,'Luật Cư trú 68/2020/QH14, Điều 27 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(58,'Luật Hộ tịch 60/2014/QH13, Điều 19',NULL);
INSERT INTO "kb_source" VALUES(59,'Cơ sở dữ liệu quốc gia về TTHC, 1.004837, cập nhật 2026-04-15, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671b-75fa-82fb-8ad05a37f638','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671b-75fa-82fb-8ad05a37f638');
INSERT INTO "kb_source" VALUES(60,'Cơ sở dữ liệu quốc gia về TTHC, 1.004837, cập nhật 2026-04-15, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671b-75fa-82fb-8ad05a37f638; Luật Hộ tịch 60/2014/QH13, Điều 20 khoản 1','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671b-75fa-82fb-8ad05a37f638');
INSERT INTO "kb_source" VALUES(61,'Cơ sở dữ liệu quốc gia về TTHC, 1.004837, cập nhật 2026-04-15, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671b-75fa-82fb-8ad05a37f638; Luật Hộ tịch 60/2014/QH13, Điều 21 khoản 1','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-671b-75fa-82fb-8ad05a37f638');
INSERT INTO "kb_source" VALUES(62,'Luật Hộ tịch 60/2014/QH13, Điều 11 khoản 1 điểm b',NULL);
INSERT INTO "kb_source" VALUES(63,'Luật Hộ tịch 60/2014/QH13, Điều 20 khoản 2, Điều 21 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(64,'Nghị định 140/2025/NĐ-CP, Điều 4',NULL);
INSERT INTO "kb_source" VALUES(65,'Nghị định 217/2026/NĐ-CP, Điều 53 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(66,'Nghị định 217/2026/NĐ-CP, Điều 60 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(67,'Nghị định 217/2026/NĐ-CP, Điều 60 khoản 2, Điều 55',NULL);
INSERT INTO "kb_source" VALUES(68,'Nghị định 217/2026/NĐ-CP, Điều 60 khoản 3 điểm a',NULL);
INSERT INTO "kb_source" VALUES(69,'Thông tư 85/2019/TT-BTC',NULL);
INSERT INTO "kb_source" VALUES(70,'Luật Xây dựng 50/2014/QH13, Điều 102',NULL);
INSERT INTO "kb_source" VALUES(71,'Nghị định 217/2026/NĐ-CP, Điều 54 khoản 1 điểm b',NULL);
INSERT INTO "kb_source" VALUES(72,'Nghị định 217/2026/NĐ-CP, Điều 54 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(73,'Nghị định 217/2026/NĐ-CP, Điều 54 khoản 1, khoản 4',NULL);
INSERT INTO "kb_source" VALUES(74,'Nghị định 217/2026/NĐ-CP, Điều 50, Điều 55',NULL);
INSERT INTO "kb_source" VALUES(75,'Luật Xây dựng 135/2025/QH15, Điều 43 khoản 2; Nghị định 217/2026/NĐ-CP',NULL);
INSERT INTO "kb_source" VALUES(76,'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 49/2019/QH14, Điều 15',NULL);
INSERT INTO "kb_source" VALUES(77,'Thông tư 69/2026/TT-BCA, Điều 1',NULL);
INSERT INTO "kb_source" VALUES(78,'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 49/2019/QH14, Điều 15 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(79,'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 49/2019/QH14, Điều 15 khoản 2 điểm a',NULL);
INSERT INTO "kb_source" VALUES(80,'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 49/2019/QH14, Điều 15 khoản 2 điểm b, c',NULL);
INSERT INTO "kb_source" VALUES(81,'Thông tư 69/2026/TT-BCA, Điều 1 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(82,'Thông tư 69/2026/TT-BCA, Điều 1 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(83,'Thông tư 25/2021/TT-BTC',NULL);
INSERT INTO "kb_source" VALUES(84,'Thông tư 64/2025/TT-BTC; Thông tư 25/2021/TT-BTC',NULL);
INSERT INTO "kb_source" VALUES(85,'Thông tư 64/2025/TT-BTC; Thông tư 28/2026/TT-BTC; Nghị quyết 66.22/2026/NQ-CP, Phụ lục II',NULL);
INSERT INTO "kb_source" VALUES(86,'Thông tư 28/2026/TT-BTC; Nghị quyết 66.22/2026/NQ-CP, Phụ lục II',NULL);
INSERT INTO "kb_source" VALUES(87,'Thông tư 117/2026/TT-BTC, Điều 1 khoản 8 điểm a; Nghị quyết 66.22/2026/NQ-CP, Điều 5 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(88,'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 49/2019/QH14, Điều 15 khoản 7',NULL);
INSERT INTO "kb_source" VALUES(89,'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 49/2019/QH14, Điều 14, Điều 21',NULL);
INSERT INTO "kb_source" VALUES(90,'Nghị định 168/2025/NĐ-CP, Điều 85',NULL);
INSERT INTO "kb_source" VALUES(91,'Cơ sở dữ liệu quốc gia về TTHC, 1.011607 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfa-6008-72cb-9e63-83483f3a6e49; Cơ sở dữ liệu quốc gia về TTHC, 1.011606 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfa-5f68-74c6-89e9-78c8819cef86','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfa-6008-72cb-9e63-83483f3a6e49');
INSERT INTO "kb_source" VALUES(92,'Cơ sở dữ liệu quốc gia về TTHC, 1.011607 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfa-6008-72cb-9e63-83483f3a6e49','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfa-6008-72cb-9e63-83483f3a6e49');
INSERT INTO "kb_source" VALUES(93,'Cơ sở dữ liệu quốc gia về TTHC, 1.001731 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfe-b7dd-7239-b166-b6cd79d326b8','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfe-b7dd-7239-b166-b6cd79d326b8');
INSERT INTO "kb_source" VALUES(94,'Nghị định 20/2021/NĐ-CP, Điều 11 khoản 3 điểm a',NULL);
INSERT INTO "kb_source" VALUES(95,'Nghị định 20/2021/NĐ-CP, Điều 11 khoản 3 điểm b',NULL);
INSERT INTO "kb_source" VALUES(96,'Nghị định 20/2021/NĐ-CP, Điều 11 khoản 3',NULL);
INSERT INTO "kb_source" VALUES(97,'Nghị định 20/2021/NĐ-CP, Điều 11 khoản 4',NULL);
INSERT INTO "kb_source" VALUES(98,'Cơ sở dữ liệu quốc gia về TTHC, 1.001731 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfe-b7dd-7239-b166-b6cd79d326b8; Nghị định 20/2021/NĐ-CP, Điều 11 khoản 4 điểm a','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfe-b7dd-7239-b166-b6cd79d326b8');
INSERT INTO "kb_source" VALUES(99,'Nghị định 20/2021/NĐ-CP, Điều 11 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(100,'Nghị định 20/2021/NĐ-CP, Điều 11 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(101,'Luật Hộ tịch 60/2014/QH13, Điều 17 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(102,'Luật Hộ tịch 60/2014/QH13, Điều 18 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(103,'Thông tư 04/2020/TT-BTP; Thông tư 04/2024/TT-BTP',NULL);
INSERT INTO "kb_source" VALUES(104,'Luật Hộ tịch 60/2014/QH13, Điều 11 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(105,'Thông tư 85/2019/TT-BTC; Nghị định 120/2025/NĐ-CP',NULL);
INSERT INTO "kb_source" VALUES(106,'Luật Hộ tịch 60/2014/QH13, Điều 18 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(107,'Luật Hộ tịch 60/2014/QH13, Điều 17, 18',NULL);
INSERT INTO "kb_source" VALUES(108,'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-a15eb239a6fe','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-a15eb239a6fe');
INSERT INTO "kb_source" VALUES(109,'Luật Hộ tịch 03/2026/QH16',NULL);
INSERT INTO "kb_source" VALUES(110,'Luật Hôn nhân và gia đình 52/2014/QH13, Điều 8, Điều 5 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(111,'Luật Hộ tịch 60/2014/QH13, Điều 13',NULL);
INSERT INTO "kb_source" VALUES(112,'Luật Hộ tịch 60/2014/QH13, Điều 16 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(113,'Luật Hộ tịch 60/2014/QH13, Điều 16 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(114,'Luật Hộ tịch 60/2014/QH13, Điều 15 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(115,'Cơ sở dữ liệu quốc gia về TTHC, 1.004772, cập nhật 2026-04-08, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6711-733d-b674-fc3d805e70c8','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6711-733d-b674-fc3d805e70c8');
INSERT INTO "kb_source" VALUES(116,'Cơ sở dữ liệu quốc gia về TTHC, 1.004772, cập nhật 2026-04-08, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6711-733d-b674-fc3d805e70c8; Thông tư 85/2019/TT-BTC; Thông tư 117/2026/TT-BTC, Điều 2 khoản 3','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6711-733d-b674-fc3d805e70c8');
INSERT INTO "kb_source" VALUES(117,'Cơ sở dữ liệu quốc gia về TTHC, 1.000689, cập nhật 2026-04-15, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3faf-768a-9224-9cb889436133','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3faf-768a-9224-9cb889436133');
INSERT INTO "kb_source" VALUES(118,'Cơ sở dữ liệu quốc gia về TTHC, 1.000689, cập nhật 2026-04-15, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3faf-768a-9224-9cb889436133; Thông tư 85/2019/TT-BTC','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3faf-768a-9224-9cb889436133');
INSERT INTO "kb_source" VALUES(119,'Luật Hộ tịch 60/2014/QH13, Điều 32 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(120,'Luật Hộ tịch 60/2014/QH13, Điều 34 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(121,'Luật Hộ tịch 60/2014/QH13, Điều 34 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(122,'Luật Hộ tịch 60/2014/QH13, Điều 32',NULL);
INSERT INTO "kb_source" VALUES(123,'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-9c6c958f2da4','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-9c6c958f2da4');
INSERT INTO "kb_source" VALUES(124,'Luật Hộ tịch 60/2014/QH13, Điều 33 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(125,'Luật Lý lịch tư pháp 28/2009/QH12, Điều 45',NULL);
INSERT INTO "kb_source" VALUES(126,'Nghị định 216/2026/NĐ-CP, Điều 22 khoản 5; Luật 107/2025/QH15',NULL);
INSERT INTO "kb_source" VALUES(127,'Nghị định 216/2026/NĐ-CP, Điều 22 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(128,'Nghị định 216/2026/NĐ-CP, Điều 22 khoản 8',NULL);
INSERT INTO "kb_source" VALUES(129,'Luật Lý lịch tư pháp 28/2009/QH12, Điều 45 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(130,'Thông tư 16/2025/TT-BTC',NULL);
INSERT INTO "kb_source" VALUES(131,'Thông tư 16/2025/TT-BTC; Nghị quyết 66.22/2026/NQ-CP, Phụ lục II',NULL);
INSERT INTO "kb_source" VALUES(132,'Thông tư 117/2026/TT-BTC, Điều 1 khoản 5; Nghị quyết 66.22/2026/NQ-CP, Điều 5 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(133,'Luật Lý lịch tư pháp 28/2009/QH12, Điều 48',NULL);
INSERT INTO "kb_source" VALUES(134,'Nghị định 216/2026/NĐ-CP, Điều 22 khoản 1, Điều 25 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(135,'Nghị định 216/2026/NĐ-CP, Điều 22 khoản 5',NULL);
INSERT INTO "kb_source" VALUES(136,'Nghị định 216/2026/NĐ-CP, Điều 22 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(137,'Luật Hộ tịch 60/2014/QH13, Điều 24',NULL);
INSERT INTO "kb_source" VALUES(138,'Cơ sở dữ liệu quốc gia về TTHC, 1.001022, cập nhật 2026-04-16, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fa6-722f-ac1a-e949c8ce3418','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fa6-722f-ac1a-e949c8ce3418');
INSERT INTO "kb_source" VALUES(139,'Cơ sở dữ liệu quốc gia về TTHC, 1.001022, cập nhật 2026-04-16, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fa6-722f-ac1a-e949c8ce3418; Thông tư 85/2019/TT-BTC','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fa6-722f-ac1a-e949c8ce3418');
INSERT INTO "kb_source" VALUES(140,'Luật Hộ tịch 60/2014/QH13, Điều 25 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(141,'Luật Hộ tịch 60/2014/QH13, Điều 24, Điều 25 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(142,'Luật Hộ tịch 60/2014/QH13, Điều 25 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(143,'Cơ sở dữ liệu quốc gia về TTHC, 1.010038, cập nhật 2026-04-29, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7f1e-71e3-be3e-7f22dce4ac4d','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7f1e-71e3-be3e-7f22dce4ac4d');
INSERT INTO "kb_source" VALUES(144,'Thông tư 75/2022/TT-BTC; Cơ sở dữ liệu quốc gia về TTHC, 1.010038, cập nhật 2026-04-29, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7f1e-71e3-be3e-7f22dce4ac4d','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7f1e-71e3-be3e-7f22dce4ac4d');
INSERT INTO "kb_source" VALUES(145,'Luật Cư trú 68/2020/QH14, Điều 28',NULL);
INSERT INTO "kb_source" VALUES(146,'Luật Cư trú 68/2020/QH14, Điều 28 khoản 1; Thông tư 53/2025/TT-BCA',NULL);
INSERT INTO "kb_source" VALUES(147,'Luật Cư trú 68/2020/QH14, Điều 28 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(148,'Thông tư 53/2025/TT-BCA, mẫu CT01',NULL);
INSERT INTO "kb_source" VALUES(149,'Thông tư 75/2022/TT-BTC; https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-770b-734d-b7fb-5e1995f194f4','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-770b-734d-b7fb-5e1995f194f4');
INSERT INTO "kb_source" VALUES(150,'Thông tư 117/2026/TT-BTC, Điều 1 khoản 3; Nghị quyết 66.22/2026/NQ-CP, Điều 5 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(151,'Luật Cư trú 68/2020/QH14, Điều 28; https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-770b-734d-b7fb-5e1995f194f4','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-770b-734d-b7fb-5e1995f194f4');
INSERT INTO "kb_source" VALUES(152,'Thông tư 75/2022/TT-BTC',NULL);
INSERT INTO "kb_source" VALUES(153,'Luật Cư trú 68/2020/QH14, Điều 22',NULL);
INSERT INTO "kb_source" VALUES(154,'Luật Cư trú 68/2020/QH14, Điều 21; Thông tư 53/2025/TT-BCA',NULL);
INSERT INTO "kb_source" VALUES(155,'Luật Cư trú 68/2020/QH14, Điều 21 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(156,'Luật Cư trú 68/2020/QH14, Điều 21 khoản 2',NULL);
INSERT INTO "kb_source" VALUES(157,'Thông tư 75/2022/TT-BTC; https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7704-7449-9e95-fe7ebb959aa2','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7704-7449-9e95-fe7ebb959aa2');
INSERT INTO "kb_source" VALUES(158,'Thông tư 75/2022/TT-BTC; https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7f1e-71e3-be3e-7f22dce4ac4d','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7f1e-71e3-be3e-7f22dce4ac4d');
INSERT INTO "kb_source" VALUES(159,'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7f1e-71e3-be3e-7f22dce4ac4d','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7f1e-71e3-be3e-7f22dce4ac4d');
INSERT INTO "kb_source" VALUES(160,'Luật Hộ tịch 60/2014/QH13, Điều 63',NULL);
INSERT INTO "kb_source" VALUES(161,'Thông tư 281/2016/TT-BTC, Điều 4; https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-867c-72db-b6a7-dcbd8c763807','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-867c-72db-b6a7-dcbd8c763807');
INSERT INTO "kb_source" VALUES(162,'Thông tư 117/2026/TT-BTC, Điều 1 khoản 2; Nghị quyết 66.22/2026/NQ-CP, Điều 5 khoản 1',NULL);
INSERT INTO "kb_source" VALUES(163,'Luật Hộ tịch 60/2014/QH13, Điều 64 khoản 2; https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-867c-72db-b6a7-dcbd8c763807','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-867c-72db-b6a7-dcbd8c763807');
INSERT INTO "kb_source" VALUES(164,'Luật Hộ tịch 60/2014/QH13, Điều 63; https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-867c-72db-b6a7-dcbd8c763807','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-867c-72db-b6a7-dcbd8c763807');
INSERT INTO "kb_source" VALUES(165,'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-867c-72db-b6a7-dcbd8c763807','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-867c-72db-b6a7-dcbd8c763807');
INSERT INTO "kb_source" VALUES(166,'Luật Hộ tịch 60/2014/QH13, Điều 63, 64',NULL);
INSERT INTO "kb_source" VALUES(167,'Cơ sở dữ liệu quốc gia về TTHC, 1.014027 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bff-2d80-74d8-8515-90f6f61822f0','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bff-2d80-74d8-8515-90f6f61822f0');
INSERT INTO "kb_source" VALUES(168,'Nghị định 176/2025/NĐ-CP (tên mẫu trên Cổng Dịch vụ công 2026 theo nguồn S24 của kiểm tra tri thức 2026-12, thứ cấp)',NULL);
INSERT INTO "kb_source" VALUES(169,'Nghị định 176/2025/NĐ-CP (theo nguồn S24 của kiểm tra tri thức 2026-12, thứ cấp)',NULL);
INSERT INTO "kb_source" VALUES(170,'Cơ sở dữ liệu quốc gia về TTHC, 1.014027 (danh mục thu thập 2026-07-18), https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bff-2d80-74d8-8515-90f6f61822f0; Nghị định 176/2025/NĐ-CP (theo bài Dân trí 10/11/2025, https://dantri.com.vn/lao-dong-viec-lam/trinh-tu-thu-tuc-de-duoc-huong-tro-cap-huu-tri-xa-hoi-20251109022217054.htm)','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bff-2d80-74d8-8515-90f6f61822f0');
INSERT INTO "kb_source" VALUES(171,'Nghị định 176/2025/NĐ-CP, Điều 3 (theo bản trích trong một kho mã công khai, thứ cấp)',NULL);
INSERT INTO "kb_source" VALUES(172,'Nghị định 176/2025/NĐ-CP (theo bài Dân trí 10/11/2025, https://dantri.com.vn/lao-dong-viec-lam/trinh-tu-thu-tuc-de-duoc-huong-tro-cap-huu-tri-xa-hoi-20251109022217054.htm)','https://dantri.com.vn/lao-dong-viec-lam/trinh-tu-thu-tuc-de-duoc-huong-tro-cap-huu-tri-xa-hoi-20251109022217054.htm)');
INSERT INTO "kb_source" VALUES(173,'Nghị định 20/2021/NĐ-CP, Điều 8',NULL);
INSERT INTO "kb_source" VALUES(174,'Nghị định 176/2025/NĐ-CP',NULL);
INSERT INTO "kb_source" VALUES(175,'Nghị định 20/2021/NĐ-CP, Điều 5',NULL);
INSERT INTO "kb_source" VALUES(176,'Nghị định 76/2024/NĐ-CP',NULL);
INSERT INTO "kb_source" VALUES(177,'Nghị định 123/2015/NĐ-CP, Điều 21',NULL);
INSERT INTO "kb_source" VALUES(178,'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6eb3-7019-bf3f-fc58c9ee44b9','https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6eb3-7019-bf3f-fc58c9ee44b9');
INSERT INTO "kb_source" VALUES(179,'Thông tư 85/2019/TT-BTC; Luật Hộ tịch 60/2014/QH13, Điều 11',NULL);
INSERT INTO "kb_source" VALUES(180,'Nghị định 123/2015/NĐ-CP, Điều 22',NULL);
INSERT INTO "kb_source" VALUES(181,'Nghị định 123/2015/NĐ-CP, Điều 23',NULL);
INSERT INTO "kb_source" VALUES(182,'Nghị quyết 1687/NQ-UBTVQH15, Điều 1 khoản 75',NULL);
INSERT INTO "kb_source" VALUES(183,'Nghị quyết 1687/NQ-UBTVQH15, Điều 1 khoản 76',NULL);
INSERT INTO "kb_source" VALUES(184,'Nghị quyết 1687/NQ-UBTVQH15, Điều 1 khoản 77',NULL);
INSERT INTO "kb_source" VALUES(185,'Nghị quyết 1687/NQ-UBTVQH15, Điều 1 khoản 78',NULL);
INSERT INTO "kb_source" VALUES(186,'Nghị quyết 1687/NQ-UBTVQH15, Điều 1 khoản 79',NULL);
INSERT INTO "kb_source" VALUES(187,'Nghị quyết 1687/NQ-UBTVQH15, Điều 1 khoản 80',NULL);
INSERT INTO "kb_source" VALUES(188,'Nghị định 69/2024/NĐ-CP (định danh và xác thực điện tử); https://dichvucong.gov.vn','https://dichvucong.gov.vn');
INSERT INTO "kb_source" VALUES(189,'Nghị quyết 66.22/2026/NQ-CP, Điều 5 khoản 1; Thông tư 117/2026/TT-BTC, Điều 1',NULL);
INSERT INTO "kb_source" VALUES(190,'https://dichvucong.gov.vn','https://dichvucong.gov.vn');
INSERT INTO "kb_source" VALUES(191,'https://dichvucong.gov.vn; Thông tư 01/2018/TT-VPCP, Điều 19','https://dichvucong.gov.vn');
CREATE TABLE privacy_notices (
	conversation_key VARCHAR(64) NOT NULL, 
	shown_at DATETIME NOT NULL, 
	PRIMARY KEY (conversation_key)
);
INSERT INTO "privacy_notices" VALUES('2643202cab7cbc4c159dc49762f76c6d9be5db4e4646212a10c7bfb1659f55c4','2026-11-30 09:15:00.000000');
INSERT INTO "privacy_notices" VALUES('74b7f13764526aa774ad80d168fd429f98050b4c4c6d4143e5ed8e33fab52ba2','2026-11-30 09:15:00.000000');
CREATE TABLE security_alerts (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	subject_key VARCHAR(32) NOT NULL, 
	detail VARCHAR(300) NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "security_alerts" VALUES(1,'2026-11-30 09:15:00.000000','dossier_guessing','8ec763f6e27e9381c46a78cb371f6b76','wrong phone digits or codes for one dossier from 2 conversations/clients within 24 h; further wrong answers are slowed (code digest 8ec763f6e27e)');
CREATE TABLE telegram_callbacks (
	"key" VARCHAR(32) NOT NULL, 
	payload TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "telegram_callbacks" VALUES('k:E6Q25H_Xab4fvrv3','/choose_procedure{"procedure": "khai_sinh"}',1.79613850713747143748e+09);
CREATE TABLE zalo_oa_tokens (
	app_id VARCHAR(64) NOT NULL, 
	access_token TEXT, 
	refresh_token TEXT, 
	expires_at FLOAT, 
	updated_at FLOAT NOT NULL, 
	version INTEGER NOT NULL, 
	lease_owner VARCHAR(64), 
	lease_until FLOAT, 
	PRIMARY KEY (app_id)
);
INSERT INTO "zalo_oa_tokens" VALUES('1234567890123456789','fake-access-token','fake-refresh-token',1795000000.0,1.79613850711211109163e+09,0,NULL,NULL);
CREATE INDEX ix_handoff_tickets_status ON handoff_tickets (status, last_announced_at);
CREATE UNIQUE INDEX uq_handoff_tickets_active_sender ON handoff_tickets (channel, sender_id) WHERE status IN ('open', 'claimed');
CREATE INDEX ix_handoff_tickets_sender ON handoff_tickets (channel, sender_id, status);
CREATE INDEX ix_handoff_thread_ticket_id ON handoff_thread (ticket_id);
CREATE INDEX ix_handoff_webchat_outbox_sender_id ON handoff_webchat_outbox (sender_id);
CREATE INDEX ix_dossier_guess_failures_conversation_key ON dossier_guess_failures (conversation_key);
CREATE INDEX ix_dossier_guess_failures_at ON dossier_guess_failures (at);
CREATE INDEX ix_dossier_guess_failures_client_key ON dossier_guess_failures (client_key);
CREATE INDEX ix_dossier_guess_failures_code_key ON dossier_guess_failures (code_key);
CREATE INDEX ix_security_alerts_at ON security_alerts (at);
CREATE INDEX ix_channel_outbox_pending ON channel_outbox (channel, status, recipient_id);
CREATE INDEX ix_kb_alias_procedure_id ON kb_alias (procedure_id);
CREATE INDEX ix_kb_alias_folded ON kb_alias (folded);
CREATE INDEX ix_kb_legal_basis_procedure_id ON kb_legal_basis (procedure_id);
CREATE INDEX ix_kb_agency_procedure_id ON kb_agency (procedure_id);
CREATE INDEX ix_kb_required_document_procedure_id ON kb_required_document (procedure_id);
CREATE INDEX ix_kb_form_procedure_id ON kb_form (procedure_id);
CREATE INDEX ix_kb_fee_procedure_id ON kb_fee (procedure_id);
CREATE INDEX ix_kb_processing_time_procedure_id ON kb_processing_time (procedure_id);
CREATE INDEX ix_kb_channel_procedure_id ON kb_channel (procedure_id);
CREATE INDEX ix_kb_online_submission_procedure_id ON kb_online_submission (procedure_id);
CREATE INDEX ix_kb_notice_procedure_id ON kb_notice (procedure_id);
CREATE INDEX ix_kb_benefit_procedure_id ON kb_benefit (procedure_id);
CREATE INDEX ix_kb_deadline_procedure_id ON kb_deadline (procedure_id);
CREATE INDEX ix_kb_eligibility_procedure_id ON kb_eligibility (procedure_id);
CREATE INDEX ix_kb_not_required_procedure_id ON kb_not_required (procedure_id);
CREATE INDEX ix_kb_former_unit_commune_id ON kb_former_unit (commune_id);
CREATE INDEX ix_kb_former_unit_folded ON kb_former_unit (folded);
COMMIT;
