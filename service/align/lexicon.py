"""A small built-in news lexicon: common English news words and their Korean/Japanese forms.

Without a machine translation, lengths and numbers cannot tell apart two
neighbouring sentences of similar length; a few hundred everyday news words
(institutions, places, people, events) can. Written by hand from general
news vocabulary (not extracted from any corpus). English entries match word
starts ("investigat" matches "investigation", "investigators"); target forms
match as substrings. The caller's glossary (``anchors``) comes on top.

Format: english stems separated by "/", then Korean forms, then Japanese forms.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ENTRIES = """
police/policeman/policemen/officers | 경찰 | 警察,警官
government | 정부 | 政府
president | 대통령 | 大統領
prime minister | 총리 | 首相
minister | 장관,총리,상 | 相,大臣
foreign minister | 외무상,외교부 장관,외무장관 | 外相,外務大臣
parliament/lawmakers/legislat | 의회,국회,의원 | 議会,国会,議員
senate/senator | 상원 | 上院
congress | 의회 | 議会
court/judge | 법원,판사,재판 | 裁判,判事
trial | 재판 | 裁判
military/army/troops/soldier | 군,병력,병사 | 軍,兵
war | 전쟁 | 戦争
nuclear/denucleari | 핵 | 核
missile | 미사일 | ミサイル
sanction | 제재 | 制裁
election/vote/voter/ballot | 선거,투표,유권자 | 選挙,投票,有権者
referendum | 국민투표 | 国民投票
party | 당 | 党
democrat | 민주당 | 民主党,民主
republican | 공화당 | 共和党,共和
labour | 노동당 | 労働党
conservative/tory/tories | 보수 | 保守
company/companies/firm | 회사,기업 | 会社,企業,社
market | 시장 | 市場
econom | 경제 | 経済
price | 가격 | 価格
tax | 세금,세 | 税
bank | 은행 | 銀行
money | 돈,자금 | 金,資金
dollar | 달러 | ドル
pound | 파운드 | ポンド
percent/per cent | 퍼센트,% | パーセント,%
school | 학교 | 学校
universit | 대학 | 大学
student | 학생 | 学生
teacher | 교사 | 教師,先生
hospital | 병원 | 病院
doctor | 의사 | 医師,医者
patient | 환자 | 患者
health | 건강 | 健康
disease/virus/infect | 질병,병,바이러스,감염 | 病,ウイルス,感染
study/studies/research | 연구 | 研究,調査
scientist | 과학자 | 科学者
church | 교회 | 教会
women/woman | 여성,여자 | 女性,女
men/man | 남성,남자 | 男性,男
child/children/kids | 아이,아동,어린이,자녀 | 子供,子ども,児童,子
boy | 소년 | 少年,男の子
girl | 소녀 | 少女,女の子
family/families | 가족 | 家族
mother | 어머니,엄마 | 母
father | 아버지,아빠 | 父
son | 아들 | 息子
daughter | 딸 | 娘
wife | 아내,부인 | 妻
husband | 남편 | 夫
friend | 친구 | 友人,友達
death/dead/died/die/killed | 사망,숨졌,죽 | 死
murder | 살인 | 殺人,殺害
attack | 공격 | 攻撃,襲
arrest | 체포 | 逮捕
prison/jail | 교도소,감옥 | 刑務所
investigat/probe | 수사,조사 | 捜査,調査
crime/criminal | 범죄 | 犯罪
victim | 피해자,희생자 | 被害者,犠牲者
fire | 화재,불 | 火
water | 물 | 水
car | 차 | 車
road/street | 도로,거리,길 | 道路,通り,道
city | 도시,시 | 市,都市
country/countries/nation | 국가,나라 | 国
world | 세계 | 世界
home/house | 집,주택 | 家,住宅
week | 주 | 週
today | 오늘 | 今日
yesterday | 어제 | 昨日
tomorrow | 내일 | 明日
morning | 아침,오전 | 朝,午前
afternoon | 오후 | 午後
night/evening | 밤,저녁 | 夜,晩
last year | 작년,지난해 | 昨年,去年
season | 시즌 | シーズン
goal | 골 | ゴール
game/match | 경기 | 試合
team | 팀 | チーム
player | 선수 | 選手
coach/manager | 감독 | 監督
club | 클럽,구단 | クラブ
league | 리그 | リーグ
win/won/victory | 승리,이겼 | 勝
defeat/lost/loss | 패배,졌 | 負,敗
film/movie | 영화 | 映画
music/song | 음악,노래 | 音楽,歌
book | 책 | 本
phone | 전화 | 電話
social media | 소셜 미디어,SNS | ソーシャルメディア,SNS
video | 영상,비디오 | 動画,ビデオ,映像
photo/picture | 사진 | 写真
report | 보고,보도 | 報告,報道,報
statement | 성명 | 声明
spokes | 대변인 | 報道官,広報
official | 관리,당국,관계자 | 当局,関係者,高官
leader | 지도자 | 指導者
summit | 정상회담 | 首脳会談
meeting | 회의,회담,만남 | 会議,会談
agreement/deal | 합의,협정,거래 | 合意,協定,取引
talks/negotiat | 협상,회담 | 交渉,協議,会談
peace | 평화 | 平和
security | 안보,보안 | 安全保障,安保,警備
border | 국경 | 国境
refugee | 난민 | 難民
immigra/migrant | 이민 | 移民
north korea | 북한 | 北朝鮮
south korea | 한국 | 韓国
korea | 한국,북한,조선 | 韓国,朝鮮
china/chinese | 중국 | 中国
japan | 일본 | 日本
russia | 러시아 | ロシア
united states/u.s./us/america | 미국 | 米国,アメリカ,米
britain/british/uk/u.k./england/english | 영국 | 英国,イギリス,英
europe | 유럽 | 欧州,ヨーロッパ
german | 독일 | ドイツ
france/french | 프랑스 | フランス
ukrain | 우크라이나 | ウクライナ
india | 인도 | インド
beijing | 베이징 | 北京
pyongyang | 평양 | 平壌
seoul | 서울 | ソウル
tokyo | 도쿄 | 東京
washington | 워싱턴 | ワシントン
moscow | 모스크바 | モスクワ
scotland/scottish | 스코틀랜드 | スコットランド
wales/welsh | 웨일스 | ウェールズ
london | 런던 | ロンドン
new york | 뉴욕 | ニューヨーク
animal | 동물 | 動物
dog | 개 | 犬
cat | 고양이 | 猫
tree | 나무 | 木
sea/ocean | 바다 | 海
river | 강 | 川
island | 섬 | 島
mountain | 산 | 山
weather/rain/storm | 날씨,비,폭풍 | 天気,雨,嵐
hurricane/typhoon | 허리케인,태풍 | ハリケーン,台風
earthquake | 지진 | 地震
food | 음식 | 食
plan | 계획 | 計画
law | 법 | 法
rule | 규칙,규정 | 規則,ルール
right | 권리 | 権利
power | 권력,힘,전력 | 力
history/historic | 역사 | 歴史
question | 질문 | 質問
answer | 대답,답 | 答
problem | 문제 | 問題
fans | 팬 | ファン
announc | 발표 | 発表
confirm | 확인 | 確認
decision/decide/decided | 결정 | 決定,決断
demand | 요구 | 要求
warn | 경고 | 警告
accus/alleg | 혐의,주장,고발 | 疑い,容疑,告発
charged/charges | 기소,혐의 | 起訴,容疑,罪
suspect | 용의자 | 容疑者
injur/wound/hurt | 부상,다쳤,상처 | けが,負傷,怪我
accident/crash/collision | 사고,충돌 | 事故,衝突
emergency | 응급,비상,긴급 | 緊急,救急
rescue | 구조 | 救助
aid/relief | 구호,원조,지원 | 援助,救援,支援
support | 지지,지원 | 支持,支援
protest | 시위 | 抗議,デモ
campaign | 캠페인,선거운동 | キャンペーン,選挙運動
candidate | 후보 | 候補
nominee/nominat | 후보,지명 | 候補,指名
vote | 투표 | 投票
law/legal | 법 | 法
bill | 법안 | 法案
policy/policies | 정책 | 政策
budget | 예산 | 予算
cost | 비용 | 費用,コスト
pay/paid/salary/wage | 급여,임금,지불 | 給与,賃金,支払
job/employ/worker/staff | 직원,일자리,노동자,고용 | 従業員,職員,雇用,労働者,スタッフ
business | 사업,비즈니스,기업 | 事業,ビジネス,企業
industry | 산업 | 産業
trade | 무역 | 貿易
energy | 에너지 | エネルギー
oil | 석유 | 石油
gas | 가스 | ガス
climate | 기후 | 気候
environment | 환경 | 環境
plastic | 플라스틱 | プラスチック
technology | 기술 | 技術
internet/online | 인터넷,온라인 | インターネット,オンライン
computer | 컴퓨터 | コンピュータ
app | 앱 | アプリ
data | 데이터 | データ
customer | 고객 | 顧客,客
shop/store | 가게,상점,매장 | 店
product | 제품 | 製品,商品
brand | 브랜드 | ブランド
sale/sold/sell | 판매,팔 | 販売,売
buy/bought/purchase | 구매,구입,샀 | 購入,買
build/built/construct | 건설,건축,지었 | 建設,建築,建て
building | 건물 | 建物,ビル
hotel | 호텔 | ホテル
restaurant | 식당,레스토랑 | レストラン
airport | 공항 | 空港
flight/plane/aircraft | 비행,항공기,비행기 | 飛行,航空機,飛行機,便
train/railway | 기차,열차,철도 | 電車,列車,鉄道
bus | 버스 | バス
ship/boat | 배,선박 | 船
travel/trip/tour | 여행 | 旅行
visit | 방문 | 訪問,訪れ
leave/left | 떠났,떠나 | 去っ,離れ,去
return | 돌아,복귀 | 戻,帰
arriv | 도착 | 到着
began/begin/start | 시작 | 始
end/ended | 끝 | 終
open | 열 | 開
close/closed/closure | 폐쇄,닫 | 閉
chang | 변화,바꾸,변경 | 変
increase/rise/rose/grow | 증가,늘,상승 | 増,上昇
decrease/fall/fell/drop/declin | 감소,하락,줄 | 減,下落,低下
record | 기록 | 記録
first time | 처음 | 初めて
million | 만 | 万
billion | 억 | 億
half | 절반 | 半
percent | % | %
average | 평균 | 平均
number | 수 | 数
age/aged/old | 살,세,나이 | 歳,年齢
young/youth | 젊은,청년,청소년 | 若
elderly/older | 노인 | 高齢,老人
birth/born | 태어,출생 | 生まれ,誕生
marri/wedding | 결혼 | 結婚
love | 사랑 | 愛
life/lives | 삶,생명,인생 | 人生,生活,命
body | 시신,몸,신체 | 遺体,体
blood | 피 | 血
heart | 심장,마음 | 心臓,心
brain | 뇌 | 脳
cancer | 암 | がん,癌
drug/medicine | 약,마약 | 薬
alcohol/drink | 술,음주 | 酒,飲
smok | 흡연,담배 | 喫煙,たばこ
gun/shot/shoot | 총 | 銃,撃
knife/stab | 칼,흉기,찔 | 刃物,ナイフ,刺
bomb/explos | 폭탄,폭발 | 爆
terror | 테러 | テロ
soldier | 군인,병사 | 兵士
weapon | 무기 | 兵器,武器
navy | 해군 | 海軍
air force | 공군 | 空軍
defen | 국방,방어,수비 | 防衛,国防,守備,ディフェンス
enemy | 적 | 敵
threat | 위협 | 脅威,脅
crisis | 위기 | 危機
danger/risk | 위험 | 危険,リスク
safe/safety | 안전 | 安全
fear/afraid/scared | 두려,공포,걱정 | 恐れ,恐怖,不安
happy/glad/delighted | 기쁘,행복 | 嬉し,幸せ,喜
angry/anger/furious | 화가,분노,격분 | 怒
sad | 슬픔,슬프 | 悲し
surpris | 놀라 | 驚
hope | 희망,바라 | 希望,望
believe/belief | 믿 | 信じ
think/thought | 생각 | 思
know/knew | 알 | 知
said/says/told | 말했,밝혔 | 述べ,語っ,話し,言っ
ask/asked | 물었,질문,요청 | 尋ね,質問,求め
agree | 동의 | 同意,賛成
oppos | 반대 | 反対
reject/refus | 거부,거절 | 拒否,拒絶
allow/permit | 허용,허락 | 許可,許
ban/prohibit | 금지 | 禁止
fine/penalt | 벌금,페널티 | 罰金,ペナルティ
score | 점수,득점 | 得点,スコア
point | 점 | 点,ポイント
minute | 분 | 分
hour | 시간 | 時間
day | 날,일 | 日
second half | 후반 | 後半
first half | 전반 | 前半
final | 결승,마지막 | 決勝,最後,最終
champion | 챔피언,우승 | 優勝,チャンピオン
tournament | 토너먼트,대회 | トーナメント,大会
race | 경주,레이스 | レース
ball | 공 | ボール
football/soccer | 축구 | サッカー,フットボール
basketball | 농구 | バスケットボール
baseball | 야구 | 野球
golf | 골프 | ゴルフ
tennis | 테니스 | テニス
rugby | 럭비 | ラグビー
fashion | 패션 | ファッション
design | 디자인 | デザイン
art | 예술,미술 | 芸術,美術,アート
museum | 박물관,미술관 | 博物館,美術館
festival | 축제,페스티벌 | 祭,フェスティバル
star | 스타 | スター
actor/actress | 배우 | 俳優,女優
singer | 가수 | 歌手
show | 쇼,프로그램 | 番組,ショー
television/tv | 텔레비전,TV,방송 | テレビ,TV,放送
news | 뉴스 | ニュース
newspaper | 신문 | 新聞
journalist/reporter | 기자 | 記者
interview | 인터뷰 | インタビュー
twitter/tweet | 트위터,트윗 | ツイッター,ツイート
facebook | 페이스북 | フェイスブック
instagram | 인스타그램 | インスタグラム
god/religio | 신,종교 | 神,宗教
muslim/islam | 무슬림,이슬람 | イスラム
christian | 기독교 | キリスト教
village | 마을 | 村
town | 마을,도시 | 町
area/region | 지역 | 地域
state | 주 | 州
capital | 수도 | 首都
north | 북 | 北
south | 남 | 南
east | 동 | 東
west | 서 | 西
land | 땅,토지 | 土地
farm | 농장,농부 | 農場,農家
pig | 돼지 | 豚
horse | 말 | 馬
bird | 새 | 鳥
fish | 물고기,어류 | 魚
shark | 상어 | サメ
snake | 뱀 | ヘビ,蛇
insect/bug | 곤충,벌레 | 昆虫,虫
flower | 꽃 | 花
forest | 숲 | 森
beach | 해변 | ビーチ,浜
summer | 여름 | 夏
winter | 겨울 | 冬
spring | 봄 | 春
autumn/fall | 가을 | 秋
agency | 기관,청 | 機関,庁
department | 부서,부처,국 | 省,部
ministry | 부처,부 | 省
committee | 위원회 | 委員会
council | 의회,위원회 | 評議会,議会,委員会
commission | 위원회 | 委員会
union | 노조,연합 | 組合,連合
organisation/organization/group | 단체,조직,그룹 | 団体,組織,グループ
members/member | 회원,구성원,의원 | メンバー,会員,議員
chief/head | 수장,대표,최고 | 長,トップ
director | 이사,감독,국장 | 取締役,監督,局長
chairman/chair | 회장,의장 | 会長,議長
executive/ceo | 경영자,최고경영자,CEO | 経営者,最高経営責任者,CEO
expert/specialist | 전문가 | 専門家
professor | 교수 | 教授
author/writer | 작가,저자 | 作家,著者
lawyer/attorney | 변호사 | 弁護士
prosecutor | 검사,검찰 | 検察,検事
witness | 목격자,증인 | 目撃者,証人
resident | 주민,거주자 | 住民,居住者
citizen | 시민 | 市民
public | 대중,공공,국민 | 国民,公共,一般
community | 지역사회,공동체,커뮤니티 | 地域社会,コミュニティ
population | 인구 | 人口
majority | 다수,대다수 | 多数,大多数
minority | 소수 | 少数
voter | 유권자 | 有権者
evidence | 증거 | 証拠
document | 문서 | 文書,書類
letter | 편지,서한 | 手紙,書簡
message | 메시지 | メッセージ
speech | 연설 | 演説,スピーチ
comment | 논평,발언,언급 | コメント,発言
claim | 주장 | 主張
promise/pledge | 약속,공약 | 約束,公約
apolog | 사과 | 謝罪
criticis/criticiz | 비판,비난 | 批判,非難
praise | 칭찬 | 称賛,賞賛
blame | 비난,탓 | 非難,責任
respons | 책임,대응 | 責任,対応
effort | 노력 | 努力
result | 결과 | 結果
reason | 이유 | 理由
cause | 원인 | 原因
effect/impact | 영향,효과 | 影響,効果
future | 미래 | 将来,未来
past | 과거 | 過去
experience | 경험 | 経験
opportunit/chance | 기회 | 機会,チャンス
success | 성공 | 成功
fail | 실패 | 失敗
mistake/error | 실수 | 間違い,ミス
truth/true | 진실,사실 | 真実,本当
lie/lied | 거짓말 | 嘘,うそ
secret | 비밀 | 秘密
freedom/free | 자유 | 自由
independen | 독립 | 独立
democracy | 민주주의 | 民主主義
regime | 정권 | 政権
administration | 행정부 | 政権,政府
white house | 백악관 | ホワイトハウス
supreme court | 대법원 | 最高裁
united nations/u.n./un | 유엔,국제연합 | 国連
nato | 나토,NATO | NATO,北大西洋条約機構
european union/eu | 유럽연합,EU | 欧州連合,EU
brexit | 브렉시트 | ブレグジット,離脱
immigration | 이민 | 移民
deport | 추방 | 強制送還,国外退去
asylum | 망명 | 亡命,難民申請
detain/detention/custody | 구금,구류 | 拘束,拘留,勾留
release/freed | 석방,풀려 | 釈放,解放
sentence/sentenced | 선고,형 | 判決,刑
guilty | 유죄 | 有罪
jury | 배심원 | 陪審
lawsuit/sue | 소송 | 訴訟
ruling/verdict | 판결 | 判決
abuse | 학대,남용 | 虐待,乱用
sexual/sex | 성적,성 | 性的,性
assault | 폭행 | 暴行
violence/violent | 폭력 | 暴力
fight | 싸움,싸우 | 戦い,戦う,争
battle | 전투 | 戦闘,戦い
conflict | 분쟁,갈등 | 紛争,対立
strike | 파업,공습 | ストライキ,スト,攻撃
explosion/blast | 폭발 | 爆発
flood | 홍수 | 洪水
tsunami | 쓰나미 | 津波
disaster | 재난,재해 | 災害
damage/destroy | 피해,파괴 | 被害,破壊
collapse | 붕괴 | 崩壊
evacuat | 대피 | 避難
missing | 실종 | 行方不明
survivor/survive | 생존 | 生存,生き残
treatment/treat | 치료 | 治療
vaccine | 백신 | ワクチン
pregnan | 임신 | 妊娠
baby | 아기 | 赤ちゃん,赤ん坊
teen/teenager | 십대,청소년 | 10代,十代
class | 수업,학급 | 授業,クラス
exam/test | 시험 | 試験,テスト
education | 교육 | 教育
science | 과학 | 科学
space | 우주 | 宇宙
planet | 행성 | 惑星
moon | 달 | 月面
sun | 태양 | 太陽
earth | 지구 | 地球
temperature | 기온,온도 | 気温,温度
hot/heat | 더위,폭염,열 | 暑,熱
cold | 추위,추운 | 寒,冷
snow | 눈 | 雪
wind | 바람 | 風
driver | 운전자,운전사 | 運転手,ドライバー
traffic | 교통 | 交通
bridge | 다리 | 橋
tunnel | 터널 | トンネル
port/harbour | 항구 | 港
factory/plant | 공장 | 工場
farmer | 농부,농민 | 農家,農民
coffee | 커피 | コーヒー
beer/wine | 맥주,와인 | ビール,ワイン
clothes/dress | 옷,드레스 | 服,ドレス
hat | 모자 | 帽子
shoe | 신발 | 靴
bag | 가방 | バッグ
cheap | 저렴,싼 | 安
expensive | 비싼 | 高価,高い
rich/wealth | 부자,부유 | 裕福,富
poor/poverty | 가난,빈곤 | 貧困,貧し
debt | 부채,빚 | 債務,借金
loan | 대출 | 融資,ローン
invest | 투자 | 投資
profit | 이익,수익 | 利益
revenue/sales | 매출 | 売上
share/stock | 주식,주가 | 株
growth | 성장 | 成長
inflation | 인플레이션,물가 | インフレ,物価
unemploy | 실업 | 失業
housing/property | 주택,부동산 | 住宅,不動産
rent | 임대,월세,집세 | 家賃,賃貸
apartment/flat | 아파트 | アパート,マンション
neighbo | 이웃 | 近所,隣
door | 문 | ドア,扉
window | 창문 | 窓
room | 방 | 部屋
kitchen | 부엌,주방 | 台所,キッチン
garden | 정원 | 庭
wall | 벽 | 壁
stage | 무대,단계 | 舞台,段階,ステージ
album | 앨범 | アルバム
concert | 콘서트 | コンサート
award/prize | 상,수상 | 賞
queen | 여왕 | 女王
king | 왕 | 王
prince | 왕자 | 王子
princess | 공주 | 王女,妃
royal | 왕실 | 王室
bishop/priest/pastor | 주교,신부,목사 | 司教,神父,牧師
pope | 교황 | 教皇,法王
""".strip()

# One-character forms match inside too many unrelated words ("시" in 시간, "人"
# everywhere); only these specific ones are kept.
_SHORT_OK = frozenset(
    [
        "핵",
        "딸",
        "섬",
        "피",
        "뇌",
        "암",
        "총",
        "칼",
        "꽃",
        "숲",
        "봄",
        "뱀",
        "核",
        "犬",
        "猫",
        "税",
        "島",
        "妻",
        "夫",
        "娘",
        "父",
        "母",
        "勝",
        "敗",
        "軍",
        "兵",
        "党",
        "%",
        "血",
        "脳",
        "薬",
        "銃",
        "酒",
        "敵",
        "豚",
        "馬",
        "鳥",
        "魚",
        "花",
        "森",
        "夏",
        "冬",
        "春",
        "秋",
        "村",
        "町",
        "州",
        "船",
        "蛇",
    ]
)

_Entry = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=1)
def entries() -> list[_Entry]:
    out = []
    for line in _ENTRIES.splitlines():
        en, ko, ja = (part.strip() for part in line.split("|"))
        kos = tuple(f for f in ko.split(",") if len(f) > 1 or f in _SHORT_OK)
        jas = tuple(f for f in ja.split(",") if len(f) > 1 or f in _SHORT_OK)
        out.append((tuple(en.split("/")), kos, jas))
    return out


@lru_cache(maxsize=1)
def _english_patterns() -> list[re.Pattern]:
    return [
        re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")", re.I)
        for stems, _, _ in entries()
    ]


def source_terms(text: str) -> frozenset[int]:
    """Indices of the lexicon entries an English sentence uses."""
    return frozenset(k for k, p in enumerate(_english_patterns()) if p.search(text))


def target_terms(text: str, lang: str) -> frozenset[int]:
    """Indices of the lexicon entries a Korean/Japanese sentence uses."""
    col = 1 if lang == "ko" else 2
    return frozenset(k for k, e in enumerate(entries()) if any(f in text for f in e[col]))
